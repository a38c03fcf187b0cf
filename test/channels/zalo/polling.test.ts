// Polling mode end to end: with a token and no webhook secret the app long-polls getUpdates on the
// emulated Bot API, answers each update once, backs off after an error, and stops a held poll at close.
import { describe, expect, it } from "vitest";
import { startApp } from "../../helpers/app.js";
import { startZaloEmulator } from "../../helpers/zalo-emulator.js";
import { chat, startRig, update, until, wrapped } from "./harness.js";

// Empty polls are held for 30 s like the real API, so updates arrive while a poll is in flight.
const rig = await startRig({ ZALO_WEBHOOK_SECRET: "" }, { emptyPollMs: 30_000 });

describe("zalo polling", () => {
  it("answers updates taken from getUpdates, each once", async () => {
    const id = chat();
    const u = update(id, "giấy phép");
    rig.zalo.queueUpdate(u);
    rig.zalo.queueUpdate(u); // delivered twice
    await until(() => rig.zalo.sent(id).length > 0);
    expect(rig.zalo.sent(id)[0]).toContain("1. Cấp giấy phép xây dựng nhà ở riêng lẻ");
    rig.zalo.queueUpdate(wrapped(update(id, "1")));
    await until(() => rig.zalo.sent(id).length > 1);
    expect(rig.zalo.sent(id)[1]).toContain("xây dựng");
    expect(rig.zalo.sent(id).filter((t) => t.includes("1. Cấp giấy phép xây dựng"))).toHaveLength(1);
    const polls = rig.zalo.calls.filter((c) => c.method === "getUpdates");
    expect(polls.every((c) => c.body.timeout === "30")).toBe(true);
  });

  it("keeps polling after an error", async () => {
    const a = chat();
    const b = chat();
    rig.zalo.failNext("getUpdates", 500);
    rig.zalo.queueUpdate(update(a, "xin chào")); // answers the poll in flight; the next one fails
    await until(() => rig.zalo.sent(a).length > 0);
    await until(() => rig.zalo.calls.some((c) => c.method === "getUpdates" && c.failedWith === 500));
    rig.zalo.queueUpdate(update(b, "xin chào"));
    await until(() => rig.zalo.sent(b).length > 0);
    expect(rig.zalo.sent(b)[0]).toContain("Xin chào");
  });

  it("serves no webhook in polling mode", async () => {
    const res = await rig.post(update(chat(), "xin chào"));
    expect(res.status).toBe(404);
  });

  it("aborts the poll in flight when the app closes", async () => {
    const zalo = await startZaloEmulator({ emptyPollMs: 600_000 });
    const app = await startApp({ ZALO_BOT_TOKEN: zalo.token, ZALO_API_ROOT: zalo.url });
    try {
      await until(() => zalo.calls.some((c) => c.method === "getUpdates"));
      await app.close(); // would hang for ten minutes if the held poll were not aborted
      const polls = zalo.calls.filter((c) => c.method === "getUpdates").length;
      await new Promise((r) => setTimeout(r, 200));
      expect(zalo.calls.filter((c) => c.method === "getUpdates")).toHaveLength(polls);
    } finally {
      await zalo.close();
    }
  });
});
