// The shipped knowledge base: valid, one file for every canonical procedure slug, every procedure
// sourced and dated, no abolished paper required, and 2025-reform agencies (no district level).
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { foldKey } from "../../src/core/nlu/index.js";
import { realKb } from "../helpers/kb.js";

const kb = realKb();
const slugs = readFileSync(resolve(import.meta.dirname, "../fixtures/procedures.txt"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => l.split("\t")[0]);

describe("the shipped knowledge base", () => {
  it("has exactly one procedure for every canonical slug", () => {
    expect(kb.procedures.map((p) => p.slug).sort()).toEqual([...slugs].sort());
  });

  it.each(kb.procedures.map((p) => [p.slug, p] as const))("%s is sourced, dated and reform-aware", (_slug, p) => {
    expect(p.sources.length).toBeGreaterThan(0);
    expect(p.checked).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(p.aliases.length).toBeGreaterThanOrEqual(3);
    // No paper that has been abolished is still asked for.
    for (const item of p.documents) expect(kb.documents.get(item.doc)?.abolished, item.doc).toBeUndefined();
    // After 01/7/2025 there is no district level; only the "before" field may mention it.
    expect(foldKey(p.agency.name)).not.toMatch(/\b(cap huyen|ubnd huyen|phong tu phap huyen|cong an huyen)\b/);
  });

  it.each(["gplx-doi", "gplx-quoc-te", "ly-lich-tu-phap"])("%s is handled by the police since 01/3/2025", (slug) => {
    const p = kb.procedures.find((x) => x.slug === slug);
    expect(foldKey(p?.agency.name ?? "")).toMatch(/cong an|canh sat/);
    expect(foldKey(p?.agency.name ?? "")).not.toMatch(/so giao thong|so tu phap/);
  });

  it("marks the classic abolished papers as abolished in the catalogue", () => {
    for (const id of ["so-ho-khau", "chung-minh-nhan-dan"]) expect(kb.documents.get(id)?.abolished).toBeDefined();
  });

  it("uses only documents that exist in the catalogue", () => {
    const ids = new Set(kb.documents.keys());
    for (const p of kb.procedures) for (const d of p.documents) expect(ids.has(d.doc), `${p.slug}: ${d.doc}`).toBe(true);
  });
});
