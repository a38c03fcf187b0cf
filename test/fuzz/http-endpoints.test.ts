// Property-based tests of every HTTP endpoint of the real app: random methods, paths, parameters,
// content types, credentials and bodies (malformed JSON, random bytes, random JSON) are answered with a
// polite Vietnamese JSON error or a 2xx/4xx — never a 5xx — and a held conversation is not disturbed.
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nastyString, randomBytes } from "./arbitraries.js";
import {
  expectHandled,
  startRig,
  STAFF_TOKEN,
  TELEGRAM_SECRET,
  ZALO_SECRET,
  type HttpRig,
} from "./http-rig.js";

/** Every route of src/http/app.ts and the channels, `:x` standing for a parameter. */
const ROUTES = [
  "/",
  "/healthz",
  "/privacy",
  "/metrics",
  "/api/chat",
  "/api/chat/updates",
  "/api/chat/photo",
  "/api/search",
  "/staff",
  "/staff/",
  "/staff/console.js",
  "/staff/console.css",
  "/staff/login",
  "/staff/session",
  "/staff/logout",
  "/api/staff/handoffs",
  "/api/staff/handoffs/:x",
  "/api/staff/handoffs/:x/reply",
  "/api/staff/handoffs/:x/release",
  "/api/staff/queue",
  "/api/staff/queue/:x",
  "/api/staff/stats/unanswered",
  "/api/staff/stats/top",
  "/api/staff/stats/export.csv",
  "/api/staff/answers",
  "/api/staff/answers/:x",
  "/files/receipts/:x",
  "/files/checklists/:x",
  "/portal/callback",
  "/telegram/webhook",
  "/zalo/webhook",
  "/:x",
];

const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

/** Every UTF-8 byte of `text` percent-encoded (lone surrogates become U+FFFD, as a browser sends them). */
const percentEncoded = (text: string): string =>
  [...Buffer.from(text, "utf8")].map((b) => `%${b.toString(16).padStart(2, "0")}`).join("");

/** A path or query piece: percent-encoded noise, raw broken escapes, traversal, ordinary words. */
const segment = fc.oneof(
  nastyString(30).map(percentEncoded),
  fc.constantFrom("%", "%E0%A4%A", "%ZZ", "..%2F..%2Fetc%2Fpasswd", "khai-sinh.pdf", "x.png", "%00", "a%2Fb"),
  fc.stringMatching(/^[A-Za-z0-9_-]{1,40}$/),
);

const query = fc
  .array(fc.tuple(fc.constantFrom("q", "sessionId", "text", "days", "e", "t", "x", "q[]", ""), segment), {
    maxLength: 4,
  })
  .map((pairs) => (pairs.length ? `?${pairs.map(([k, v]) => `${k}=${v}`).join("&")}` : ""));

const contentType = fc.option(
  fc.constantFrom(
    "application/json",
    "application/json; charset=utf-16",
    "text/plain",
    "text/html",
    "multipart/form-data; boundary=x",
    "application/x-www-form-urlencoded",
    "image/jpeg",
    "image/png",
    "image/gif",
    "application/octet-stream",
    "application/JSON",
    ";;;",
  ),
  { nil: undefined },
);

/** Credentials: none, the right ones (to reach body parsing), wrong ones, garbage. */
const credentials = fc.constantFrom<Record<string, string>>(
  {},
  { authorization: `Bearer ${STAFF_TOKEN}` },
  { authorization: "Bearer wrong-token-000000000000" },
  { authorization: "Basic Og==" },
  { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET },
  { "x-bot-api-secret-token": ZALO_SECRET },
  { "x-telegram-bot-api-secret-token": "wrong" },
  { cookie: "motcua_staff=forged; other=\u00ff" },
  { "x-csrf-token": "forged", "x-session-id": "fuzz-session-00001" },
);

const jsonBody = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).map((v) => JSON.stringify(v)),
  fc
    .record(
      {
        sessionId: fc.oneof(fc.constant("fuzz-session-00001"), nastyString(20)),
        text: fc.oneof(nastyString(80), fc.jsonValue({ maxDepth: 1 })),
        optionId: fc.oneof(nastyString(10), fc.integer()),
        token: nastyString(10),
        username: nastyString(10),
        password: nastyString(10),
        update_id: fc.integer(),
        message: fc.jsonValue({ maxDepth: 2 }),
        event_name: fc.constantFrom("message.text.received", "x"),
        question: nastyString(20),
        answer: nastyString(20),
        validDays: fc.oneof(fc.integer(), fc.double()),
      },
      { requiredKeys: [] },
    )
    .map((v) => JSON.stringify(v)),
);

const body = fc.option(
  fc.oneof(
    jsonBody,
    fc.constantFrom("", "{", '{"sessionId":', "null", "[]", '"text"', "{}}", "\u0000", "[".repeat(5000)),
    nastyString(100),
    randomBytes(2048),
  ),
  { nil: undefined },
);

let rig: HttpRig;

beforeAll(async () => {
  rig = await startRig();
}, 60_000);
afterAll(async () => {
  await rig?.close();
});

describe("every endpoint survives random requests", { timeout: 60_000 }, () => {
  it("random method × route × parameters × content type × credentials × body: never 5xx", async () => {
    const request = fc.record({
      method: fc.constantFrom(...METHODS),
      route: fc.constantFrom(...ROUTES),
      param: segment,
      query,
      type: contentType,
      auth: credentials,
      body,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const path = r.route.replace(":x", r.param) + r.query;
        const withBody = r.body !== undefined && r.method !== "GET" && r.method !== "HEAD";
        const label = `${r.method} ${path} [${r.type ?? "-"}] ${Object.keys(r.auth).join(",")}`;
        const res = await rig.app.http.request(path, {
          method: r.method,
          headers: { ...r.auth, ...(r.type ? { "content-type": r.type } : {}) },
          ...(withBody ? { body: r.body } : {}),
        });
        await expectHandled(res, label);
      }),
      { numRuns: 1500 },
    );
    await rig.known.check("after random requests");
  });

  it("the same over a real socket, where bodies are streamed", async () => {
    const request = fc.record({
      route: fc.constantFrom(
        "/api/chat",
        "/api/chat/photo?sessionId=fuzz-session-00002",
        "/staff/login",
        "/telegram/webhook",
        "/zalo/webhook",
        "/portal/callback",
        "/api/staff/answers",
      ),
      type: contentType,
      auth: credentials,
      body,
    });
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        const res = await fetch(`${rig.url}${r.route}`, {
          method: "POST",
          headers: { ...r.auth, ...(r.type ? { "content-type": r.type } : {}) },
          body: r.body ?? "",
        });
        await expectHandled(res, `POST ${r.route} [${r.type ?? "-"}]`);
      }),
      { numRuns: 150 },
    );
    const health = await fetch(`${rig.url}/healthz`);
    expect(health.status).toBe(200);
    await rig.known.check("after socket requests");
  });
});
