// Free-text answers to "which case applies?" questions of alternative groups, on real procedures:
// the situation in words picks the paper; numbers, buttons, "không" and a named paper keep working;
// a reply that describes no case (or several equally) gets the question again.
import { describe, expect, it } from "vitest";
import {
  buildLines,
  createNlu,
  initialState,
  lineDocs,
  pickAlternative,
  step,
  understand,
  type ConversationState,
  type DialogueContext,
} from "../../../src/core/dialogue/index.js";
import { realKb, realLexicon } from "../../helpers/kb.js";

const kb = realKb();
const nlu = createNlu(kb, realLexicon());
const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
const ctx: DialogueContext = {
  kb,
  procedures,
  documents: kb.documents,
  conversationId: "test:group",
  channel: "test",
  now: 0,
  newId: () => "id",
};

const proc = (slug: string) => {
  const p = procedures.get(slug);
  if (!p) throw new Error(slug);
  return p;
};

/** The group line of `slug` holding paper `doc`, asked as the open question. */
function asked(slug: string, doc: string): { state: ConversationState; at: number } {
  const p = proc(slug);
  const lines = buildLines(p);
  const at = lines.findIndex((l) => l.items.length > 1 && lineDocs(p, l).includes(doc));
  const line = lines[at];
  if (!line) throw new Error(`${slug}: no group with ${doc}`);
  const options = [
    ...line.items.map((i) => ({
      id: `cond:${i}`,
      label: kb.documents.get(p.documents[i]?.doc ?? "")?.name ?? "",
    })),
    { id: "no", label: "Không có giấy nào ở trên" },
  ];
  const state: ConversationState = {
    ...initialState(0),
    topic: slug,
    checklist: { slug, lines, extra: [] },
    pending: { kind: "checklist-condition", line: at },
    options,
  };
  return { state, at };
}

/** Answers the open group question of `slug` (the line with `doc`) with `text`. */
function answer(slug: string, doc: string, text: string, optionId?: string) {
  const { state, at } = asked(slug, doc);
  const result = step(state, understand(nlu, state, text, optionId), ctx);
  const line = result.state.checklist?.lines[at];
  const p = proc(slug);
  return {
    chosen: line?.chosen == null ? null : (p.documents[line.chosen]?.doc ?? null),
    line,
    retried:
      result.replies[0]?.lines[0] && "key" in result.replies[0].lines[0]
        ? result.replies[0].lines[0].key === "checklist.condition.retry"
        : false,
    pending: result.state.pending,
    at,
  };
}

describe("free-text answers to a group question", () => {
  it.each([
    ["ở bệnh viện", "giay-chung-sinh"],
    ["Bé sinh ở bệnh viện ạ", "giay-chung-sinh"],
    ["bé sinh ở trạm y tế", "giay-chung-sinh"],
    ["tram y te", "giay-chung-sinh"],
    ["sinh ở nhà", "van-ban-lam-chung-viec-sinh"],
    ["sinh o nha", "van-ban-lam-chung-viec-sinh"],
    ["đẻ ở nhà", "van-ban-lam-chung-viec-sinh"],
    ["bé bị bỏ rơi", "bien-ban-tre-bi-bo-roi"],
  ])("khai-sinh birth place: «%s» → %s", (text, doc) => {
    const a = answer("khai-sinh", "giay-chung-sinh", text);
    expect(a.chosen).toBe(doc);
    expect(a.line?.status).toBe("unknown");
    expect(a.retried).toBe(false);
  });

  it.each([
    ["công dân Việt Nam", "can-cuoc"],
    ["chủ xe là người Việt Nam", "can-cuoc"],
    ["người nước ngoài", "ho-chieu"],
    ["nguoi nuoc ngoai", "ho-chieu"],
  ])("dang-ky-xe owner: «%s» → %s", (text, doc) => {
    expect(answer("dang-ky-xe", "ho-chieu", text).chosen).toBe(doc);
  });

  it.each([
    ["nhà thuê", "hop-dong-thue-nha"],
    ["ở nhờ", "hop-dong-thue-nha"],
    ["thuê trọ", "hop-dong-thue-nha"],
    ["nhà người thân", "van-ban-dong-y-cho-dang-ky-cu-tru"],
    ["nha nguoi than", "van-ban-dong-y-cho-dang-ky-cu-tru"],
    ["nhà của mình", "giay-to-cho-o-hop-phap"],
    ["nhà riêng của tôi", "giay-to-cho-o-hop-phap"],
  ])("tam-tru housing: «%s» → %s", (text, doc) => {
    expect(answer("tam-tru", "hop-dong-thue-nha", text).chosen).toBe(doc);
  });

  it.each([
    ["nhà của tôi", "giay-to-cho-o-hop-phap"],
    ["nhà người thân", "giay-to-chung-minh-quan-he-nhan-than"],
    ["về nhà bố mẹ", "giay-to-chung-minh-quan-he-nhan-than"],
    ["nhà chồng", "giay-to-chung-minh-quan-he-nhan-than"],
    ["nha thue", "hop-dong-thue-nha"],
  ])("thuong-tru housing: «%s» → %s", (text, doc) => {
    expect(answer("thuong-tru", "hop-dong-thue-nha", text).chosen).toBe(doc);
  });

  it.each([
    ["công dân Việt Nam", "can-cuoc"],
    ["người nước ngoài", "ho-chieu"],
  ])("ly-lich-tu-phap identity: «%s» → %s", (text, doc) => {
    expect(answer("ly-lich-tu-phap", "ho-chieu", text).chosen).toBe(doc);
  });

  it.each([
    ["mẹ tôi", "giay-khai-sinh"],
    ["con tôi", "giay-khai-sinh"],
    ["vợ tôi", "giay-chung-nhan-ket-hon"],
    ["chồng", "giay-chung-nhan-ket-hon"],
  ])("ly-lich-tu-phap relation: «%s» → %s", (text, doc) => {
    expect(answer("ly-lich-tu-phap", "giay-chung-nhan-ket-hon", text).chosen).toBe(doc);
  });

  it.each([
    ["khai-sinh", "giay-chung-sinh", "để mai tính"],
    ["khai-sinh", "giay-chung-sinh", "hmm để tôi nghĩ xem"],
    ["tam-tru", "hop-dong-thue-nha", "nhà"],
  ])("%s / %s: asks again for «%s» (no case, or several equally)", (slug, doc, text) => {
    const a = answer(slug, doc, text);
    expect(a.chosen).toBeNull();
    expect(a.retried).toBe(true);
    expect(a.pending).toEqual({ kind: "checklist-condition", line: a.at });
  });

  it("still understands «không» and the «none of these» option", () => {
    const said = answer("khai-sinh", "giay-chung-sinh", "không");
    expect(said.chosen).toBeNull();
    expect(said.line?.status).toBe("lack");
    const tapped = answer("khai-sinh", "giay-chung-sinh", "Không có giấy nào ở trên", "no");
    expect(tapped.line?.status).toBe("lack");
    // An optional group simply does not apply.
    const kin = answer("ly-lich-tu-phap", "giay-khai-sinh", "không");
    expect(kin.line?.applies).toBe(false);
  });

  it("still understands numbers and buttons", () => {
    expect(answer("khai-sinh", "giay-chung-sinh", "2").chosen).toBe("van-ban-lam-chung-viec-sinh");
    const { state } = asked("tam-tru", "hop-dong-thue-nha");
    const id = state.options[2]?.id ?? "";
    expect(answer("tam-tru", "hop-dong-thue-nha", "bấm", id).chosen).toBe(
      "van-ban-dong-y-cho-dang-ky-cu-tru",
    );
  });

  it("lets a paper named outright win over the words around it", () => {
    const a = answer("dang-ky-xe", "ho-chieu", "tôi là công dân Việt Nam nhưng có hộ chiếu");
    expect(a.chosen).toBe("ho-chieu");
    expect(a.line?.status).toBe("have");
    expect(answer("khai-sinh", "giay-chung-sinh", "sinh ở nhà, có giấy cam đoan về việc sinh").chosen).toBe(
      "giay-cam-doan-viec-sinh",
    );
  });

  it("does not count what a condition negates («không có giấy chứng sinh», «không phải người thân»)", () => {
    const p = proc("thuong-tru");
    const line = buildLines(p).find((l) => lineDocs(p, l).includes("hop-dong-thue-nha"));
    const reply = understand(nlu, initialState(0), "người thân").analyzed;
    const pick = pickAlternative(p, line?.items ?? [], kb.documents, reply);
    expect(pick === null ? null : p.documents[pick]?.doc).toBe("giay-to-chung-minh-quan-he-nhan-than");
  });
});
