// `npm run kb:check`: validates every knowledge file and prints each problem with file and field
// (Vietnamese / English). Exit code 1 when anything is wrong. Authoring flags: --extra-docs F, --only a,b.
import { parseArgs } from "node:util";
import { resolve } from "node:path";
import { formatProblem } from "../src/core/knowledge/index.js";
import { loadKnowledge, todayInVietnam } from "../src/knowledge/index.js";

const { values } = parseArgs({
  options: {
    dir: { type: "string", default: "knowledge" },
    "extra-docs": { type: "string", multiple: true },
    only: { type: "string" },
  },
});

const result = loadKnowledge(resolve(values.dir), todayInVietnam(), {
  extraDocumentFiles: (values["extra-docs"] ?? []).map((p) => resolve(p)),
  onlySlugs: values.only?.split(",").map((s) => s.trim()),
});

if (result.problems.length > 0) {
  console.error(
    `✗ Cơ sở tri thức có ${result.problems.length} lỗi / knowledge base has ${result.problems.length} problem(s):`,
  );
  for (const p of result.problems) console.error(`  - ${formatProblem(p)}`);
  process.exit(1);
}
const kb = result.kb;
if (kb) {
  console.log(
    `✓ Hợp lệ / valid: ${kb.procedures.length} thủ tục, ${kb.documents.size} loại giấy tờ, ` +
      `${Object.keys(kb.lexicon.abbreviations).length} từ viết tắt (hash ${kb.hash})`,
  );
}
