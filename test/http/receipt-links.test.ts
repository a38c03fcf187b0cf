// Signed receipt links on their own: the URL shape, the signature over "<code>.<expiry>", expiry,
// tampering and malformed queries rejected, and secrets shorter than 32 characters refused.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createReceiptLinks } from "../../src/receipts/links.js";

const SECRET = "a-receipt-secret-of-at-least-32-characters";
const CODE = "H29.31-240315-0001";
const NOW = Date.UTC(2025, 0, 15, 3, 0, 0);

function query(url: string): { e: string; t: string } {
  const u = new URL(url, "http://x");
  return { e: u.searchParams.get("e") ?? "", t: u.searchParams.get("t") ?? "" };
}

describe("receipt links", () => {
  const links = createReceiptLinks({ secret: SECRET, ttlSeconds: 30 * 86_400, now: () => NOW });

  it("signs base64url(HMAC-SHA256(secret, code.expiry)) with the expiry in unix seconds", () => {
    const url = links.url(CODE, "pdf");
    const { e, t } = query(url);
    expect(Number(e)).toBe(NOW / 1000 + 30 * 86_400);
    expect(t).toBe(createHmac("sha256", SECRET).update(`${CODE}.${e}`).digest("base64url"));
    expect(url).toBe(`/files/receipts/${CODE}.pdf?e=${e}&t=${t}`);
    expect(links.verify(CODE, e, t)).toBe(true);
  });

  it("offers a PDF and a PNG", () => {
    expect(links.files(CODE).map((f) => [f.name, f.mime, f.url.split("?")[0]])).toEqual([
      ["Biên nhận (PDF)", "application/pdf", `/files/receipts/${CODE}.pdf`],
      ["Biên nhận (ảnh PNG)", "image/png", `/files/receipts/${CODE}.png`],
    ]);
  });

  it("rejects expired, tampered, borrowed and malformed links", () => {
    const { e, t } = query(links.url(CODE, "png"));
    const later = createReceiptLinks({ secret: SECRET, ttlSeconds: 60, now: () => NOW + 31 * 86_400_000 });
    expect(later.verify(CODE, e, t)).toBe(false);
    expect(links.verify("H29.31-240315-0002", e, t)).toBe(false);
    expect(links.verify(CODE, String(Number(e) + 1), t)).toBe(false);
    expect(links.verify(CODE, e, `${t.slice(0, -1)}${t.endsWith("A") ? "B" : "A"}`)).toBe(false);
    for (const [badE, badT] of [
      [undefined, t],
      [e, undefined],
      ["", t],
      [`${e}.5`, t],
      ["-1", t],
      [e, `${t}=`],
      [e, t.slice(1)],
      [e, `${t}AAAA`],
    ] as const)
      expect(links.verify(CODE, badE, badT)).toBe(false);
    const other = createReceiptLinks({ secret: `${SECRET}!`, ttlSeconds: 60, now: () => NOW });
    expect(other.verify(CODE, e, t)).toBe(false);
  });

  it("refuses short secrets and bad lifetimes", () => {
    expect(() => createReceiptLinks({ secret: "short", ttlSeconds: 60 })).toThrow(RangeError);
    expect(() => createReceiptLinks({ secret: SECRET, ttlSeconds: 0 })).toThrow(RangeError);
  });
});
