// `npm run ask -- "câu hỏi"`: prints the best procedure for a question and its requirements,
// or the numbered candidates / "không tìm thấy" exactly as the retriever decided.
import { renderRequirements } from "../src/core/replies/index.js";
import { run, setUpScript } from "./lib/setup.js";

run(async () => {
  const question = process.argv.slice(2).join(" ").trim();
  if (!question) {
    console.error('Cách dùng / usage: npm run ask -- "lam giay khai sinh can j"');
    process.exit(2);
  }
  const { kb, retriever } = await setUpScript();
  const result = await retriever.search(question);
  const bySlug = new Map(kb.procedures.map((p) => [p.slug, p]));
  if (result.decision === "none") {
    console.log(
      "Không tìm thấy thủ tục này trong cơ sở tri thức. Bạn thử nói rõ hơn tên thủ tục, hoặc hỏi cán bộ một cửa.",
    );
    return;
  }
  const best = bySlug.get(result.candidates[0]?.slug ?? "");
  if (result.decision === "choose") {
    console.log("Có phải bạn hỏi một trong các thủ tục sau?");
    result.candidates.forEach((c, i) => console.log(`  ${i + 1}. ${bySlug.get(c.slug)?.name ?? c.slug}`));
    console.log("\nThủ tục gần nhất:\n");
  }
  if (best) console.log(renderRequirements(best, kb.documents));
  console.log(`\n(độ tin cậy ${(result.confidence * 100).toFixed(0)}%)`);
});
