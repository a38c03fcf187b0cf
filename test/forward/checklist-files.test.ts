// The printable checklist: one tick box per paper of every procedure, the online link as a QR code
// only where the procedure can be done online, and signed links that only open checklists.
import jsQRModule from "jsqr";
import { PNG } from "pngjs";
import { describe, expect, it } from "vitest";
import { checklistFromProcedure } from "../../src/receipts/checklist-model.js";
import { createChecklistService } from "../../src/receipts/checklist-files.js";
import { CHECKLIST_PNG_MIN_HEIGHT, CHECKLIST_PNG_WIDTH } from "../../src/receipts/checklist-png.js";
import { createReceiptLinks } from "../../src/receipts/links.js";
import { realKb } from "../helpers/kb.js";
import { pdfText } from "./pdf.js";

const jsQR = jsQRModule.default;
const kb = realKb();
const names = new Map([...kb.documents.values()].map((d) => [d.id, d.name]));
const SECRET = "s".repeat(40);

function qrOf(png: Buffer): { width: number; height: number; qr: string | null } {
  const { data, width, height } = PNG.sync.read(png);
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength), width, height);
  return { width, height, qr: found?.data ?? null };
}

describe("checklist model", () => {
  it.each(kb.procedures.map((p) => [p.slug, p] as const))(
    "%s: one box per paper, QR only when online",
    (_, p) => {
      const model = checklistFromProcedure(p, names);
      expect(model.rows.filter((r) => r.box)).toHaveLength(p.documents.length);
      expect(model.procedure).toBe(p.name);
      expect(model.checked).toBe(p.checked.split("-").reverse().join("/"));
      expect(model.onlineUrl).toBe(p.submit.online === "none" ? null : p.submit.portal_url);
    },
  );
});

describe("checklist files", () => {
  let clock = Date.now();
  const service = createChecklistService({ kb, secret: SECRET, ttlSeconds: 3600, now: () => clock });

  it("renders a long dossier on a taller PNG and on PDF pages holding every paper", async () => {
    const p = kb.procedures.find((x) => x.slug === "chuyen-nhuong-dat");
    if (!p) throw new Error("missing procedure");
    const png = qrOf((await service.render(p.slug, "png")) ?? Buffer.alloc(0));
    expect(png.width).toBe(CHECKLIST_PNG_WIDTH);
    expect(png.height).toBeGreaterThan(CHECKLIST_PNG_MIN_HEIGHT);
    expect(png.qr).toBe(p.submit.portal_url);
    const text = pdfText((await service.render(p.slug, "pdf")) ?? Buffer.alloc(0));
    for (const d of p.documents)
      expect(text.toLowerCase()).toContain((names.get(d.doc) ?? d.doc).toLowerCase());
  });

  it("prints no QR code for a procedure that cannot be done online", async () => {
    const p = kb.procedures.find((x) => x.submit.online === "none");
    if (!p) throw new Error("no offline procedure");
    const png = qrOf((await service.render(p.slug, "png")) ?? Buffer.alloc(0));
    expect(png.height).toBe(CHECKLIST_PNG_MIN_HEIGHT);
    expect(png.qr).toBeNull();
  });

  it("verifies its own links until they expire, never a receipt link, and knows no other procedure", async () => {
    const [pdf] = service.files("khai-sinh");
    const query = new URL(pdf?.url ?? "", "http://x").searchParams;
    expect(pdf?.url.startsWith("/files/checklists/khai-sinh.pdf?")).toBe(true);
    expect(service.verify("khai-sinh", query.get("e") ?? "", query.get("t") ?? "")).toBe(true);
    expect(service.verify("ho-chieu", query.get("e") ?? "", query.get("t") ?? "")).toBe(false);
    const receipt = new URL(
      createReceiptLinks({ secret: SECRET, ttlSeconds: 3600 }).url("khai-sinh", "pdf"),
      "http://x",
    );
    expect(
      service.verify("khai-sinh", receipt.searchParams.get("e") ?? "", receipt.searchParams.get("t") ?? ""),
    ).toBe(false);
    expect(await service.render("khong-co", "pdf")).toBeNull();
    clock += 3601 * 1000;
    expect(service.verify("khai-sinh", query.get("e") ?? "", query.get("t") ?? "")).toBe(false);
  });
});
