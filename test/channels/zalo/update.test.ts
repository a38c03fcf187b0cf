// Zalo update translation (table-driven) and the ZALO_* configuration: loose shapes accepted, bots and
// other events ignored, dedupe keys stable; webhook mode without its secret is a named config error.
import { describe, expect, it } from "vitest";
import { translateUpdate, type ZaloUpdate } from "../../../src/channels/zalo/index.js";
import { ConfigError, loadConfig } from "../../../src/config/index.js";

const NOW = 1_750_000_000_000;
const translate = (body: unknown): ZaloUpdate =>
  translateUpdate(body, { now: NOW, isStaff: (id) => id === "officer-1" });
const msg = (extra: Record<string, unknown> = {}) => ({
  message_id: "m1",
  date: NOW,
  from: { id: "u1", display_name: "A", is_bot: false },
  chat: { id: "u1", chat_type: "PRIVATE" },
  text: "xin chào",
  ...extra,
});

describe("translateUpdate", () => {
  const turns: Array<[string, unknown, Record<string, unknown>]> = [
    [
      "bare text",
      { event_name: "message.text.received", message: msg() },
      { key: "zalo:msg:m1", text: "xin chào", conversationId: "zalo:u1" },
    ],
    [
      "wrapped text",
      { ok: true, result: { event_name: "message.text.received", message: msg() } },
      { key: "zalo:msg:m1", text: "xin chào" },
    ],
    [
      "numeric ids, first_name instead of display_name",
      {
        event_name: "message.text.received",
        message: msg({ message_id: 77, chat: { id: 42 }, from: { id: 42, first_name: "B" } }),
      },
      { key: "zalo:msg:77", conversationId: "zalo:42" },
    ],
    [
      "image with photo and caption",
      {
        event_name: "message.image.received",
        message: msg({ text: undefined, photo: "https://z/p.jpg", caption: "cccd" }),
      },
      { text: "cccd", attachment: "https://z/p.jpg" },
    ],
    [
      "image with photo_url",
      {
        event_name: "message.image.received",
        message: msg({ text: undefined, photo_url: "https://z/q.jpg" }),
      },
      { text: "", attachment: "https://z/q.jpg" },
    ],
    [
      "sticker",
      { event_name: "message.sticker.received", message: msg({ text: undefined, sticker: "s" }) },
      { text: "" },
    ],
    [
      "voice",
      { event_name: "message.voice.received", message: msg({ voice_url: "https://z/v.aac" }) },
      { text: "" },
    ],
    [
      "unsupported",
      { event_name: "message.unsupported.received", message: msg({ text: undefined }) },
      { text: "" },
    ],
    [
      "chat id from the sender",
      { event_name: "message.text.received", message: msg({ chat: undefined }) },
      { conversationId: "zalo:u1" },
    ],
    [
      "an officer",
      { event_name: "message.text.received", message: msg({ from: { id: "officer-1" } }) },
      { fromStaff: true },
    ],
  ];
  it.each(turns)("%s → a turn", (_name, body, want) => {
    const got = translate(body);
    expect(got.kind).toBe("turn");
    if (got.kind !== "turn") return;
    const view = {
      key: got.key,
      text: got.turn.message.text,
      conversationId: got.turn.message.conversationId,
      attachment: got.turn.attachment?.ref,
      fromStaff: got.turn.message.fromStaff ?? false,
    };
    expect(view).toMatchObject(want);
    expect(got.turn.message).toMatchObject({ channel: "zalo", receivedAt: NOW });
  });

  it.each<[string, unknown, ZaloUpdate]>([
    [
      "a bot",
      { event_name: "message.text.received", message: msg({ from: { id: "b", is_bot: true } }) },
      { kind: "ignored", reason: "bot" },
    ],
    [
      "another event",
      { event_name: "user.follow", user: { id: "u1" } },
      { kind: "ignored", reason: "event" },
    ],
    ["no event name", { message: msg() }, { kind: "malformed" }],
    ["a message event without message", { event_name: "message.text.received" }, { kind: "malformed" }],
    [
      "no chat or sender",
      { event_name: "message.text.received", message: msg({ chat: {}, from: {} }) },
      { kind: "malformed" },
    ],
    ["not an object", "hello", { kind: "malformed" }],
    ["a failed envelope", { ok: false, error_code: 408 }, { kind: "malformed" }],
  ])("%s → %j", (_name, body, want) => {
    expect(translate(body)).toEqual(want);
  });

  it("keys updates without a message id by event, chat and date, and caps the text", () => {
    const noId = (date: number, text = "a") =>
      translate({ event_name: "message.text.received", message: msg({ message_id: undefined, date, text }) });
    const a = noId(1);
    const b = noId(1, "different text, same moment");
    const c = noId(2);
    if (a.kind !== "turn" || b.kind !== "turn" || c.kind !== "turn") throw new Error("expected turns");
    expect(a.key).toMatch(/^zalo:evt:[0-9a-f]{32}$/);
    expect(a.key).toBe(b.key);
    expect(a.key).not.toBe(c.key);
    const long = translate({ event_name: "message.text.received", message: msg({ text: "x".repeat(5000) }) });
    expect(long.kind === "turn" && long.turn.message.text.length).toBe(2000);
  });
});

describe("ZALO_* configuration", () => {
  const base = { ZALO_BOT_TOKEN: "1234567:abc-def" };
  it("is off without a token and polls by default, with the API root's trailing slash removed", () => {
    expect(loadConfig({}).zalo).toBeNull();
    expect(loadConfig({ ...base, ZALO_API_ROOT: "http://127.0.0.1:9000/" }).zalo).toEqual({
      token: "1234567:abc-def",
      mode: "polling",
      webhookSecret: null,
      apiRoot: "http://127.0.0.1:9000",
      sendPerSecond: 15,
    });
    expect(loadConfig(base).zalo?.apiRoot).toBe("https://bot-api.zaloplatforms.com");
  });

  it("uses the webhook when a secret is set and refuses webhook mode without one, by name", () => {
    expect(loadConfig({ ...base, ZALO_WEBHOOK_SECRET: "12345678" }).zalo?.mode).toBe("webhook");
    expect(() => loadConfig({ ...base, ZALO_MODE: "webhook" })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ZALO_MODE: "webhook" })).toThrow(/ZALO_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ...base, ZALO_WEBHOOK_SECRET: "short" })).toThrow(/ZALO_WEBHOOK_SECRET/);
    expect(() => loadConfig({ ZALO_BOT_TOKEN: "has/slash:x" })).toThrow(/ZALO_BOT_TOKEN/);
    expect(() => loadConfig({ ...base, ZALO_MODE: "push" })).toThrow(/ZALO_MODE/);
  });

  it("reads PUBLIC_BASE_URL without its trailing slash", () => {
    expect(loadConfig({ PUBLIC_BASE_URL: "https://motcua.example.gov.vn/" }).publicBaseUrl).toBe(
      "https://motcua.example.gov.vn",
    );
    expect(() => loadConfig({ PUBLIC_BASE_URL: "ftp://x" })).toThrow(/PUBLIC_BASE_URL/);
  });
});
