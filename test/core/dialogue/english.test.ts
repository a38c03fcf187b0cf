// English conversations: a bare English greeting opens an English conversation (other short
// messages keep the current language), and procedure titles use the knowledge base's `name_en`.
import { describe, expect, it } from "vitest";
import {
  createNlu,
  initialState,
  procName,
  requirementsPlans,
  step,
  understand,
  type DialogueContext,
} from "../../../src/core/dialogue/index.js";
import { detectLanguage } from "../../../src/core/nlu/index.js";
import type { RetrievalResult } from "../../../src/core/ports.js";
import { realKb, realLexicon } from "../../helpers/kb.js";

const kb = realKb();
const nlu = createNlu(kb, realLexicon());
const procedures = new Map(kb.procedures.map((p) => [p.slug, p]));
const ctx: DialogueContext = {
  kb,
  procedures,
  documents: kb.documents,
  conversationId: "test:en",
  channel: "test",
  now: 0,
  newId: () => "id",
};

describe("language of short messages", () => {
  it.each(["hello", "Hi!", "hey", "hi there", "good morning", "Good evening!", "hello, good morning"])(
    "«%s» is English",
    (text) => expect(detectLanguage(text)).toBe("en"),
  );

  it.each(["ok", "good", "1", "cccd", "xin chao", "alo", "there"])(
    "«%s» keeps the current language",
    (text) => expect(detectLanguage(text)).toBeNull(),
  );

  it("switches a Vietnamese conversation to English on «hello», and back on Vietnamese text", () => {
    const vi = initialState(0);
    const hello = step(vi, understand(nlu, vi, "hello"), ctx);
    expect(hello.state.lang).toBe("en");
    const back = step(hello.state, understand(nlu, hello.state, "xin chào"), ctx);
    expect(back.state.lang).toBe("vi");
  });
});

describe("procedure names in English conversations", () => {
  const p = procedures.get("khai-sinh");
  if (!p) throw new Error("khai-sinh");

  it("uses name_en in English and the official name in Vietnamese", () => {
    expect(procName(p, "en")).toBe(p.name_en);
    expect(procName(p, "vi")).toBe(p.name);
    expect(procName(p)).toBe(p.name);
  });

  it("titles the requirements answer with name_en but keeps paper names Vietnamese", () => {
    const [first] = requirementsPlans(ctx, p, "birth registration", "en");
    expect(first?.lines[0]).toEqual({ key: "procedure.title", params: { name: "Birth registration" } });
    expect(JSON.stringify(first?.lines)).toContain("Giấy chứng sinh");
  });

  it("labels the choose-procedure options with name_en", () => {
    const en = initialState(0, "en");
    const u = understand(nlu, en, "residence registration");
    const retrieval: RetrievalResult = {
      decision: "choose",
      candidates: [
        { slug: "tam-tru", score: 1 },
        { slug: "thuong-tru", score: 0.9 },
      ],
      confidence: 0.5,
      reason: "test",
    };
    const r = step(en, { ...u, retrieval }, ctx);
    const labels = r.replies.flatMap((x) => x.options ?? []).map((o) => o.label);
    expect(labels).toContainEqual({ raw: "Temporary residence registration" });
    expect(labels).toContainEqual({ raw: "Permanent residence registration" });
  });
});
