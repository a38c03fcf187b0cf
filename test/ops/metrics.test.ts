// Prometheus /metrics of the real app: turns by channel and outcome, the latency histogram,
// retrieval misses, handoffs, webhook updates (queued, duplicate, rejected), send failures, portal
// errors, default process metrics, and the METRICS_TOKEN check.
import { describe, expect, it } from "vitest";
import { chat, startApp } from "../helpers/app.js";
import { textUpdate, textsTo, until } from "../channels/telegram/updates.js";
import { postTelegramUpdate, telegramWebhookApp } from "../channels/telegram/webhook-app.js";
import { metricValue } from "./metrics-text.js";
import { freePort } from "../helpers/net.js";

const SECRET = "metrics_Secret-1";
const TOKEN = "metrics-token-0123456789";
const tg = telegramWebhookApp(SECRET, { METRICS_TOKEN: TOKEN });

async function scrape(): Promise<string> {
  const res = await tg.app.http.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return res.text();
}

function postUpdate(update: unknown, secret = SECRET): Promise<Response> {
  return postTelegramUpdate(tg.app, update, secret);
}

describe("/metrics", () => {
  it("refuses a missing or wrong token and serves the text format with the right one", async () => {
    const none = await tg.app.http.request("/metrics");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    const wrong = await tg.app.http.request("/metrics", {
      headers: { authorization: "Bearer nope-nope-nope-nope" },
    });
    expect(wrong.status).toBe(401);
    const res = await tg.app.http.request("/metrics", { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toContain("process_cpu_user_seconds_total");
    expect(text).toContain("nodejs_heap_size_used_bytes");
    expect(text).toContain("# TYPE motcua_turn_duration_seconds histogram");
  });

  it("counts web turns by outcome, times them and counts retrieval misses and handoffs", async () => {
    const before = await scrape();
    await chat(tg.app, "metrics-1", "làm giấy khai sinh cần gì");
    await chat(tg.app, "metrics-2", "qwxz plorg vblt");
    await chat(tg.app, "metrics-3", "gặp cán bộ");
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(moved("motcua_turns_total", { channel: "web" })).toBe(3);
    expect(moved("motcua_turns_total", { channel: "web", outcome: "answered" })).toBe(1);
    expect(moved("motcua_turns_total", { channel: "web", outcome: "not-understood" })).toBe(1);
    expect(moved("motcua_turns_total", { channel: "web", outcome: "handed-off" })).toBe(1);
    expect(moved("motcua_retrieval_misses_total", { channel: "web" })).toBe(1);
    expect(moved("motcua_handoffs_opened_total", { reason: "requested" })).toBe(1);
    expect(moved("motcua_turn_duration_seconds_count", { channel: "web" })).toBe(3);
    expect(moved("motcua_turn_duration_seconds_bucket", { channel: "web", le: "+Inf" })).toBe(3);
    expect(metricValue(after, "motcua_turn_duration_seconds_sum", { channel: "web" })).toBeGreaterThan(0);
  });

  it("counts webhook updates queued, duplicate and rejected, and Telegram turns", async () => {
    const before = await scrape();
    const update = textUpdate(7001, "/start");
    expect((await postUpdate(update)).status).toBe(200);
    expect((await postUpdate(update)).status).toBe(200);
    expect((await postUpdate(update, "wrong_secret")).status).toBe(401);
    await until(() => textsTo(tg.emu, 7001).length >= 1);
    const after = await scrape();
    const moved = (name: string, labels: Record<string, string>) =>
      metricValue(after, name, labels) - metricValue(before, name, labels);
    expect(moved("motcua_webhook_updates_total", { channel: "telegram", result: "queued" })).toBe(1);
    expect(moved("motcua_webhook_updates_total", { channel: "telegram", result: "duplicate" })).toBe(1);
    expect(moved("motcua_webhook_updates_total", { channel: "telegram", result: "rejected" })).toBe(1);
    expect(moved("motcua_turns_total", { channel: "telegram" })).toBe(1);
  });

  it("counts failed sends to the channel API by kind", async () => {
    const before = await scrape();
    tg.emu.failNext("sendMessage", { code: 403, description: "Forbidden: bot was blocked by the user" });
    expect((await postUpdate(textUpdate(7002, "/start"))).status).toBe(200);
    await until(() =>
      tg.emu.callsOf("sendMessage").some((c) => !c.ok && String(c.payload["chat_id"]) === "7002"),
    );
    // The send job records the failure right after the API answered.
    let after = await scrape();
    for (
      let i = 0;
      i < 50 &&
      metricValue(after, "motcua_channel_send_failures_total") ===
        metricValue(before, "motcua_channel_send_failures_total");
      i++
    ) {
      await new Promise((r) => setTimeout(r, 100));
      after = await scrape();
    }
    expect(
      metricValue(after, "motcua_channel_send_failures_total", { channel: "telegram", kind: "rejected" }) -
        metricValue(before, "motcua_channel_send_failures_total", { channel: "telegram", kind: "rejected" }),
    ).toBe(1);
  });

  it("never puts what citizens wrote into labels", async () => {
    await chat(tg.app, "metrics-4", "0912345678 Nguyễn Văn An");
    const text = await scrape();
    expect(text).not.toContain("0912345678");
    expect(text).not.toContain("Nguyễn");
    expect(text).not.toContain("metrics-4");
  });
});

describe("portal errors", () => {
  it("counts failed portal calls by kind", async () => {
    const port = await freePort(); // nothing listens there
    const remote = await startApp({ PORTAL_URL: `http://127.0.0.1:${port}` });
    try {
      await expect(
        remote.portal.client?.getDossier("H29.31-250101-0001", { accessToken: "t".repeat(20) }),
      ).rejects.toThrow(/unavailable/);
      const text = await (await remote.http.request("/metrics")).text();
      expect(metricValue(text, "motcua_portal_errors_total", { kind: "unavailable" })).toBe(1);
    } finally {
      await remote.close();
    }
  });
});

describe("/metrics without a token", () => {
  it("is open when METRICS_TOKEN is not set", async () => {
    const open = await startApp({ PORTAL: "off" });
    try {
      const res = await open.http.request("/metrics");
      expect(res.status).toBe(200);
      expect(await res.text()).toContain("motcua_turns_total");
    } finally {
      await open.close();
    }
  });
});
