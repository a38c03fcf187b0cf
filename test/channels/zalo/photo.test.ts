// Photos from Zalo users: through the app, an image event with `photo` or with `photo_url` is
// downloaded when its turn runs; the downloader keeps only http(s), caps the size and never throws.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { downloadPhoto } from "../../../src/channels/zalo/index.js";
import { chat, startRig, update, until } from "./harness.js";

const rig = await startRig();

describe("zalo photos through the app", () => {
  it("downloads a photo given as `photo` and one given as `photo_url`", async () => {
    const a = chat();
    const b = chat();
    const before = rig.zalo.imageGets;
    const image = (id: string, field: "photo" | "photo_url") =>
      update(id, "", {
        event: "message.image.received",
        message: { text: undefined, [field]: rig.zalo.imageUrl, caption: "ảnh giấy tờ" },
      });
    expect((await rig.post(image(a, "photo"))).json.status).toBe("queued");
    expect((await rig.post(image(b, "photo_url"))).json.status).toBe("queued");
    await until(() => rig.zalo.sent(a).length > 0 && rig.zalo.sent(b).length > 0);
    expect(rig.zalo.imageGets).toBe(before + 2);
    expect(rig.app.logs.join("\n")).not.toContain("channel.download.failed");
  });
});

describe("downloadPhoto", () => {
  it("returns the bytes and the declared type", async () => {
    const got = await downloadPhoto({ ref: rig.zalo.imageUrl });
    expect(Buffer.from(got.bytes ?? new Uint8Array()).equals(rig.zalo.image)).toBe(true);
    expect(got.mime).toBe("image/png");
    expect(got.size).toBe(rig.zalo.image.length);
  });

  it("gives bytes null over the size cap, for non-http URLs and when the server is gone", async () => {
    const gets = rig.zalo.imageGets;
    expect((await downloadPhoto({ ref: rig.zalo.imageUrl }, { maxBytes: 10 })).bytes).toBeNull();
    for (const ref of ["file:///etc/passwd", "data:image/png;base64,AAAA", "not a url"])
      expect((await downloadPhoto({ ref })).bytes).toBeNull();
    expect(rig.zalo.imageGets).toBe(gets + 1); // only the http one was fetched
    expect((await downloadPhoto({ ref: "http://127.0.0.1:9/x.png" }, { timeoutMs: 2_000 })).bytes).toBeNull();
    expect((await downloadPhoto({ ref: `${rig.zalo.url}/missing.png` })).bytes).toBeNull();
  });

  it("stops reading a body without a declared length once it passes the cap", async () => {
    const server = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "image/jpeg" }); // chunked: no content-length
      for (let i = 0; i < 64; i++) res.write(Buffer.alloc(1024, 1));
      res.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/big.jpg`;
      expect((await downloadPhoto({ ref: url }, { maxBytes: 8 * 1024 })).bytes).toBeNull();
      expect((await downloadPhoto({ ref: url }, { maxBytes: 128 * 1024 })).bytes?.length).toBe(64 * 1024);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
