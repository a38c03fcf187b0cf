// Two app instances sharing Redis (REDIS_URL, BullMQ queue) behind one Zalo bot: an update delivered to
// both is answered once, and the notice is shown once per conversation across instances. Skipped with
// a notice when no Redis answers on 127.0.0.1:6379.
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { listen, startApp } from "../../helpers/app.js";
import { REDIS_TEST_URL, dropRedisKeys, redisReachable, warnRedisSkipped } from "../../helpers/stores.js";
import { startZaloEmulator } from "../../helpers/zalo-emulator.js";
import { chat, SECRET, update, until } from "./harness.js";

const reachable = await redisReachable();
if (!reachable) warnRedisSkipped();

describe.skipIf(!reachable)("zalo on redis, two instances", () => {
  const prefix = `motcua-test:zalo-${randomUUID()}:`;
  afterAll(() => dropRedisKeys(prefix));

  it("answers an update delivered to both instances once", async () => {
    const zalo = await startZaloEmulator();
    const env = {
      REDIS_URL: REDIS_TEST_URL,
      REDIS_KEY_PREFIX: prefix,
      ZALO_BOT_TOKEN: zalo.token,
      ZALO_API_ROOT: zalo.url,
      ZALO_WEBHOOK_SECRET: SECRET,
    };
    const apps = [await startApp(env), await startApp(env)];
    const servers = await Promise.all(apps.map((a) => listen(a)));
    try {
      const id = chat();
      const post = (url: string, body: unknown) =>
        fetch(`${url}/zalo/webhook`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-bot-api-secret-token": SECRET },
          body: JSON.stringify(body),
        }).then(async (r) => ((await r.json()) as { status: string }).status);
      const u = update(id, "giấy phép");
      const statuses = await Promise.all(servers.map((s) => post(s.url, u)));
      expect(statuses.sort()).toEqual(["duplicate", "queued"]);
      await until(() => zalo.sent(id).length > 0);
      expect(await post(servers[1]?.url ?? "", update(id, "1"))).toBe("queued");
      await until(() => zalo.sent(id).length > 1);
      expect(zalo.sent(id).filter((t) => t.includes("1. Cấp giấy phép xây dựng"))).toHaveLength(1);
      expect(zalo.sent(id).filter((t) => t.includes("máy trả lời tự động"))).toHaveLength(1);
      expect(zalo.sent(id)[1]).toContain("xây dựng");
    } finally {
      await Promise.all(servers.map((s) => s.stop()));
      for (const a of apps) await a.close();
      await zalo.close();
    }
  });
});
