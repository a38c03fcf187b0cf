// The photo check on generated document photos: a sharp one passes; blurred, dark, glare,
// sideways (EXIF orientation), small, tiny and blank ones get the right problems; files that are
// not accepted photos get the right refusal. Real sharp, real bytes, nothing mocked.
import { deflateSync } from "node:zlib";
import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { MAX_ATTACHMENT_BYTES } from "../../src/core/messages.js";
import type { PhotoVerdict } from "../../src/core/ports.js";
import { canDecodeHeic, createSharpInspector } from "../../src/photos/index.js";
import {
  blurred,
  darkened,
  documentPhoto,
  reencode,
  withGlare,
  withOrientation,
} from "../../scripts/lib/synthetic-photos.js";

const inspector = createSharpInspector();
const problemsOf = (v: PhotoVerdict) => (v.kind === "checked" ? [...v.problems] : v.kind);

let doc: Buffer;
beforeAll(async () => {
  doc = await documentPhoto({ width: 1600, height: 1100 });
});

describe("photo check: document photos", () => {
  it("finds nothing wrong with a sharp, well-lit document photo", async () => {
    const v = await inspector.inspect(doc);
    expect(v).toEqual({ kind: "checked", format: "jpeg", width: 1600, height: 1100, problems: [] });
  });

  it("reads PNG and WebP too, sniffing the format from the content", async () => {
    expect(await inspector.inspect(await reencode(doc, "png"))).toMatchObject({
      format: "png",
      problems: [],
    });
    expect(await inspector.inspect(await reencode(doc, "webp"))).toMatchObject({
      format: "webp",
      problems: [],
    });
  });

  it.each([2, 4])("says a photo blurred by %i px is blurry (and nothing else)", async (sigma) => {
    expect(problemsOf(await inspector.inspect(await blurred(doc, sigma)))).toEqual(["blurry"]);
  });

  it("says a photo taken in poor light is dark", async () => {
    expect(problemsOf(await inspector.inspect(await darkened(doc, 0.3)))).toEqual(["dark"]);
  });

  it("keeps a merely dim photo whose paper still reads (half the light)", async () => {
    expect(problemsOf(await inspector.inspect(await darkened(doc, 0.55)))).toEqual([]);
  });

  it("finds both problems in a dark, blurred photo", async () => {
    const v = await inspector.inspect(await darkened(await blurred(doc, 4), 0.3));
    expect(problemsOf(v)).toEqual(["blurry", "dark"]);
  });

  it("says a blown-out white patch is glare", async () => {
    expect(problemsOf(await inspector.inspect(await withGlare(doc, 0.08)))).toEqual(["glare"]);
  });

  it("does not call a scan's pure white page glare", async () => {
    const scan = await documentPhoto({ width: 1600, height: 1100, table: null, paper: 255 });
    expect(problemsOf(await inspector.inspect(scan))).toEqual([]);
  });

  it("says a photo that viewers turn sideways (EXIF orientation 6) is sideways, with its displayed size", async () => {
    const v = await inspector.inspect(await withOrientation(doc, 6));
    expect(v).toMatchObject({ kind: "checked", width: 1100, height: 1600, problems: ["sideways"] });
  });

  it("accepts sideways pixels that the EXIF orientation turns upright", async () => {
    const sideways = await documentPhoto({ width: 1100, height: 1600, vertical: true });
    expect(problemsOf(await inspector.inspect(sideways))).toEqual(["sideways"]);
    const v = await inspector.inspect(await withOrientation(sideways, 8));
    expect(v).toMatchObject({ width: 1600, height: 1100, problems: [] });
  });

  it("accepts a portrait page held upright", async () => {
    const page = await documentPhoto({ width: 1100, height: 1600 });
    expect(problemsOf(await inspector.inspect(page))).toEqual([]);
  });

  it("says a small photo has low resolution, naming its size", async () => {
    const v = await inspector.inspect(await documentPhoto({ width: 640, height: 480 }));
    expect(v).toEqual({
      kind: "checked",
      format: "jpeg",
      width: 640,
      height: 480,
      problems: ["low-resolution"],
    });
  });

  it("refuses to judge a tiny thumbnail", async () => {
    const tiny = await documentPhoto({ width: 150, height: 100 });
    expect(await inspector.inspect(tiny)).toEqual({ kind: "too-small", width: 150, height: 100 });
  });

  it("says a photo without any paper or text is blank", async () => {
    const wall = await sharp({ create: { width: 1200, height: 900, channels: 3, background: "#b8b0a0" } })
      .jpeg()
      .toBuffer();
    expect(problemsOf(await inspector.inspect(wall))).toEqual(["blank"]);
  });
});

/** A PNG that only claims `width` × `height` (a valid header, no pixels). */
function pngHeader(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 0, 0, 0, 0], 8);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk("IHDR", ihdr),
    chunk("IDAT", deflateSync(Buffer.alloc(8))),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function crc32(b: Buffer): number {
  let c = ~0;
  for (const byte of b) {
    c ^= byte;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? (c >>> 1) ^ 0xedb88320 : c >>> 1;
  }
  return ~c >>> 0;
}

describe("photo check: files that are not accepted photos", () => {
  it("names a PDF, a GIF and a video instead of checking them, whatever type was declared", async () => {
    expect(await inspector.inspect(Buffer.from("%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"))).toEqual({
      kind: "unsupported",
      format: "pdf",
    });
    const gif = await sharp({ create: { width: 300, height: 300, channels: 3, background: "#fff" } })
      .gif()
      .toBuffer();
    expect(await inspector.inspect(gif)).toEqual({ kind: "unsupported", format: "gif" });
    const mp4 = Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from("ftypisom\0\0\0\0isomiso2")]);
    expect(await inspector.inspect(mp4)).toEqual({ kind: "unsupported", format: "video" });
  });

  it("refuses unknown bytes without naming a format", async () => {
    expect(await inspector.inspect(Buffer.from("xin chào, đây không phải ảnh"))).toEqual({
      kind: "unsupported",
      format: null,
    });
  });

  it("says a truncated JPEG cannot be opened", async () => {
    expect(await inspector.inspect(doc.subarray(0, Math.floor(doc.length / 3)))).toEqual({
      kind: "unreadable",
      format: "jpeg",
    });
  });

  it("refuses a file over the size limit and a photo over the pixel limit before decoding", async () => {
    expect(await inspector.inspect(new Uint8Array(MAX_ATTACHMENT_BYTES + 1))).toEqual({
      kind: "too-large",
      limit: "bytes",
    });
    expect(await inspector.inspect(pngHeader(9000, 8000))).toEqual({ kind: "too-large", limit: "pixels" });
  });

  it("answers a HEIC photo honestly: checked when this sharp decodes HEVC, else heic-unreadable", async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from("ftypheic\0\0\0\0mif1heic"),
      Buffer.alloc(64),
    ]);
    const v = await inspector.inspect(heic);
    if (canDecodeHeic()) expect(v.kind).not.toBe("unsupported");
    else {
      expect(v).toEqual({ kind: "heic-unreadable" });
      expect(inspector.formats).toEqual(["jpeg", "png", "webp"]);
    }
  });
});
