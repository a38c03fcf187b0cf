// Two app instances sharing Redis (REDIS_URL, BullMQ queue) behind one Telegram bot, served over real
// HTTP: an update Telegram delivers to both is answered once. Skipped with a notice without Redis.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { listen, startApp } from "../../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../../helpers/stores.js";
import { startTelegramEmulator } from "../../helpers/telegram-emulator.js";
import { callbackUpdate, lastKeyboard, textUpdate, textsTo, until } from "./updates.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();
const SECRET = "redis_Secret-1";

describe.skipIf(!reachable)("telegram on redis, two instances", () => {
  const prefix = `motcua-test:telegram-${randomUUID()}:`;
  afterAll(() => dropRedisKeys(prefix));

  it("answers an update delivered to both instances once, and a button pressed on the other", async () => {
    const emu = await startTelegramEmulator();
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
      TELEGRAM_BOT_TOKEN: emu.token,
      TELEGRAM_API_ROOT: emu.url,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      PORTAL: "off",
    };
    const apps = [await startApp(env), await startApp(env)];
    const servers = await Promise.all(apps.map((a) => listen(a)));
    try {
      const post = (url: string, body: unknown) =>
        fetch(`${url}/telegram/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-telegram-bot-api-secret-token": SECRET },
          body: JSON.stringify(body),
        }).then(async (r) => ((await r.json()) as { result: string }).result);
      const start = textUpdate(501, "/start");
      const results = await Promise.all(servers.map((s) => post(s.url, start)));
      expect(results.sort()).toEqual(["duplicate", "queued"]);
      await until(() => lastKeyboard(emu, 501) !== undefined);
      const press = callbackUpdate(501, "ask", { inline_keyboard: lastKeyboard(emu, 501) });
      expect(await post(servers[1]?.url ?? "", press)).toBe("queued");
      await until(() => textsTo(emu, 501).length >= 2);
      await new Promise((r) => setTimeout(r, 500));
      expect(textsTo(emu, 501)).toHaveLength(2);
      expect(textsTo(emu, 501)[1]).toContain("Anh/chị cần hỏi thủ tục nào?");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      for (const a of apps) await a.close();
      await emu.close();
    }
  });
});
