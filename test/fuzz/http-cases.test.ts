// Named bad inputs over a real socket: bodies far over every limit, malformed JSON and wrong content
// types on each JSON endpoint, tiny, huge (pixel bomb), damaged and random "images" — each answered
// with a polite 4xx or a polite chat reply, never a 5xx, and the held conversation goes on unchanged.
import fc from "fast-check";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { randomBytes } from "./arbitraries.js";
import {
  expectHandled,
  startRig,
  STAFF_TOKEN,
  TELEGRAM_SECRET,
  ZALO_SECRET,
  type HttpRig,
} from "./http-rig.js";

let rig: HttpRig;
beforeAll(async () => {
  rig = await startRig();
}, 60_000);
afterAll(async () => {
  await rig?.close();
});

const PHOTO = "/api/chat/photo?sessionId=fuzz-photo-0001";

function post(
  path: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${rig.url}${path}`, { method: "POST", headers, body });
}

/** The JSON endpoints with the headers that get a request past authentication. */
const JSON_ENDPOINTS: ReadonlyArray<readonly [string, Record<string, string>]> = [
  ["/api/chat", {}],
  ["/staff/login", {}],
  ["/api/staff/answers", { authorization: `Bearer ${STAFF_TOKEN}` }],
  ["/api/staff/handoffs/x/reply", { authorization: `Bearer ${STAFF_TOKEN}` }],
  ["/telegram/webhook", { "x-telegram-bot-api-secret-token": TELEGRAM_SECRET }],
  ["/zalo/webhook", { "x-bot-api-secret-token": ZALO_SECRET }],
  ["/portal/callback", {}],
];

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A valid small PNG whose header claims `width` × `height` pixels (a decompression bomb's header). */
async function pngClaiming(width: number, height: number): Promise<Buffer> {
  const png = await sharp({ create: { width: 8, height: 8, channels: 3, background: "#888" } })
    .png()
    .toBuffer();
  const out = Buffer.from(png);
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29); // IHDR type + data, then its CRC
  return out;
}

describe("bodies over the limits and malformed JSON", { timeout: 60_000 }, () => {
  it.each(JSON_ENDPOINTS)(
    "%s: huge, empty, malformed, wrong type — 4xx with a polite error",
    async (path, auth) => {
      const cases: Array<[string, string | Uint8Array, string | undefined]> = [
        [
          "2 MB of JSON",
          JSON.stringify({ sessionId: "fuzz-big-0001", text: "a".repeat(2_000_000) }),
          "application/json",
        ],
        ["empty", "", "application/json"],
        ["truncated JSON", '{"sessionId": "fuzz-trunc-01", "text": "xin', "application/json"],
        ["deep nesting", "[".repeat(10_000), "application/json"],
        ["a JSON string", '"xin chào"', "application/json"],
        ["form data", "sessionId=fuzz-form-0001&text=hello", "application/x-www-form-urlencoded"],
        ["no content type", '{"text":"x"}', undefined],
        ["binary", new Uint8Array([0xff, 0xfe, 0, 1, 2, 0x80]), "application/json"],
      ];
      for (const [name, body, type] of cases) {
        const res = await post(path, body, { ...auth, ...(type ? { "content-type": type } : {}) });
        await expectHandled(res, `${path}: ${name}`);
        expect(res.status, `${path}: ${name}`).toBeGreaterThanOrEqual(400);
      }
    },
  );

  it("a chat message over 2,000 characters gets 400 and is not stored", async () => {
    const res = await post(
      "/api/chat",
      JSON.stringify({ sessionId: "fuzz-long-0001", text: "a".repeat(2001) }),
      {
        "content-type": "application/json",
      },
    );
    await expectHandled(res, "2001 chars");
    expect(res.status).toBe(400);
    expect(await rig.app.stores.conversations.load("web:fuzz-long-0001")).toBeNull();
  });

  it("an 11 MB photo gets 413; an empty one 400; a GIF or PDF content type 415", async () => {
    const big = await post(PHOTO, new Uint8Array(11 * 1024 * 1024), { "content-type": "image/jpeg" });
    await expectHandled(big, "11 MB");
    expect(big.status).toBe(413);
    const empty = await post(PHOTO, new Uint8Array(0), { "content-type": "image/png" });
    await expectHandled(empty, "empty");
    expect(empty.status).toBe(400);
    for (const type of ["image/gif", "application/pdf", "text/plain"]) {
      const res = await post(PHOTO, new Uint8Array([1, 2, 3]), { "content-type": type });
      await expectHandled(res, type);
      expect(res.status).toBe(415);
    }
  });
});

describe("images that are not what they claim", { timeout: 60_000 }, () => {
  /** A photo the route accepted: 200 and a polite chat reply about it. */
  async function expectPhotoReply(res: Response, label: string): Promise<string> {
    expect(res.status, label).toBe(200);
    const { replies } = (await res.json()) as { replies: Array<{ text: string }> };
    const text = replies.map((r) => r.text).join("\n");
    expect(text.length, label).toBeGreaterThan(0);
    expect(text, label).not.toMatch(/hệ thống đang bận|undefined|Error/);
    return text;
  }

  it("tiny, pixel-bomb, truncated and mislabelled images get a polite verdict", async () => {
    const tiny = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#fff" } })
      .png()
      .toBuffer();
    const jpeg = await sharp({ create: { width: 64, height: 64, channels: 3, background: "#777" } })
      .jpeg()
      .toBuffer();
    const cases: Array<[string, Uint8Array, string]> = [
      ["1×1 PNG", tiny, "image/png"],
      ["PNG claiming 60000×60000", await pngClaiming(60_000, 60_000), "image/png"],
      ["PNG claiming 1×100000", await pngClaiming(1, 100_000), "image/png"],
      ["truncated JPEG", jpeg.subarray(0, Math.floor(jpeg.length / 2)), "image/jpeg"],
      ["PNG sent as JPEG", tiny, "image/jpeg"],
      [
        "JPEG magic then zeros",
        new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(64).fill(0)]),
        "image/jpeg",
      ],
      ["HEIC content type, text body", new TextEncoder().encode("not an image at all"), "image/heic"],
    ];
    for (const [name, bytes, type] of cases)
      await expectPhotoReply(await post(PHOTO, bytes, { "content-type": type }), name);
  });

  it("random bytes, with or without a real image signature, as any accepted image type", async () => {
    const magic = fc.constantFrom(
      [],
      [0xff, 0xd8, 0xff],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
      [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50],
      [0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63],
    );
    const type = fc.constantFrom("image/jpeg", "image/png", "image/webp", "image/heic");
    await fc.assert(
      fc.asyncProperty(magic, randomBytes(4096), type, async (head, rest, mime) => {
        const bytes = new Uint8Array([...head, ...rest]);
        if (bytes.length === 0) return;
        await expectPhotoReply(
          await post(PHOTO, bytes, { "content-type": mime }),
          `${mime} ${bytes.length} B`,
        );
      }),
      { numRuns: 60 },
    );
    await rig.known.check("after bad images");
  });
});
