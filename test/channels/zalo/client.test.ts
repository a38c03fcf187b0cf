// The Zalo client against the emulated Bot API: the envelope parsed, errors mapped to retry (429 with a
// growing backoff, 5xx, 403, network) or rejection (400, 401, 404), and never the token or the URL.
import { afterAll, describe, expect, it } from "vitest";
import { ChannelRejectedError, ChannelRetryError } from "../../../src/channels/common/index.js";
import { createZaloClient } from "../../../src/channels/zalo/index.js";
import { startZaloEmulator } from "../../helpers/zalo-emulator.js";

const zalo = await startZaloEmulator({ emptyPollMs: 20 });
afterAll(() => zalo.close());
const client = createZaloClient({ apiRoot: zalo.url, token: zalo.token, backoffBaseMs: 100 });

async function failure(p: Promise<unknown>): Promise<Error> {
  try {
    await p;
  } catch (err) {
    return err as Error;
  }
  throw new Error("expected a failure");
}

describe("zalo client", () => {
  it("calls the methods with JSON bodies and reads their results", async () => {
    expect(await client.getMe()).toMatchObject({ account_name: "bot.motcua" });
    await client.sendMessage("c1", "xin chào");
    await client.sendPhoto("c1", "https://example.org/a.png", "biên nhận");
    await client.sendChatAction("c1");
    expect(zalo.sent("c1")).toEqual(["xin chào"]);
    expect(zalo.photos("c1")).toEqual([{ photo: "https://example.org/a.png", caption: "biên nhận" }]);
    expect(zalo.calls.at(-1)).toMatchObject({ method: "sendChatAction", body: { action: "typing" } });
  });

  it("returns one update from getUpdates and null for an empty poll (408)", async () => {
    expect(await client.getUpdates(1)).toBeNull();
    zalo.queueUpdate({ event_name: "message.text.received", message: { message_id: "1" } });
    expect(await client.getUpdates(1)).toMatchObject({ event_name: "message.text.received" });
  });

  it("maps 429 to a retry with a backoff that grows while 429s continue", async () => {
    zalo.failNext("sendMessage", 429, 3);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const err = await failure(client.sendMessage("c2", "a"));
      expect(err).toBeInstanceOf(ChannelRetryError);
      waits.push((err as ChannelRetryError).retryAfterMs ?? 0);
    }
    expect(waits[0]).toBeGreaterThanOrEqual(50);
    expect(waits[0]).toBeLessThanOrEqual(100);
    expect(waits[2]).toBeGreaterThanOrEqual(200); // 400 ms with equal jitter
    await client.sendMessage("c2", "a");
    zalo.failNext("sendMessage", 429);
    const again = (await failure(client.sendMessage("c2", "b"))) as ChannelRetryError;
    expect(again.retryAfterMs).toBeLessThanOrEqual(100); // a success reset the streak
  });

  it("maps 5xx and 403 to retries and 400, 401, 404 to rejections", async () => {
    for (const code of [500, 502, 403]) {
      zalo.failNext("sendMessage", code);
      const err = await failure(client.sendMessage("c3", "a"));
      expect(err).toBeInstanceOf(ChannelRetryError);
      expect((err as ChannelRetryError).retryAfterMs).toBeUndefined();
    }
    for (const code of [400, 404]) {
      zalo.failNext("sendMessage", code);
      expect(await failure(client.sendMessage("c3", "a"))).toBeInstanceOf(ChannelRejectedError);
    }
    const tooLong = await failure(client.sendMessage("c3", "x".repeat(2001)));
    expect(tooLong).toBeInstanceOf(ChannelRejectedError);
    expect(tooLong.message).toContain("1-2000");
    const wrongToken = createZaloClient({ apiRoot: zalo.url, token: "999999:wrong-token" });
    const unauthorized = await failure(wrongToken.sendMessage("c3", "a"));
    expect(unauthorized).toBeInstanceOf(ChannelRejectedError);
    expect(unauthorized.message).toContain("401");
    expect(unauthorized.message).not.toContain("wrong-token");
  });

  it("turns network errors into retries that name neither the URL nor the token", async () => {
    const gone = createZaloClient({
      apiRoot: "http://127.0.0.1:9",
      token: "123456:secret-token-x",
      timeoutMs: 2_000,
    });
    const err = await failure(gone.sendMessage("c4", "a"));
    expect(err).toBeInstanceOf(ChannelRetryError);
    expect(err.message).not.toMatch(/secret-token-x|127\.0\.0\.1|http/);
    expect(err.cause).toBeUndefined();
    expect(JSON.stringify(err)).not.toContain("secret-token-x");
  });

  it("aborts calls in flight when closed", async () => {
    const held = await startZaloEmulator({ emptyPollMs: 600_000 });
    try {
      const c = createZaloClient({ apiRoot: held.url, token: held.token });
      const poll = failure(c.getUpdates(30));
      await new Promise((r) => setTimeout(r, 50));
      c.close();
      expect(await poll).toBeInstanceOf(ChannelRetryError);
    } finally {
      await held.close();
    }
  });
});
