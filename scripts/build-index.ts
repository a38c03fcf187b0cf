// `npm run kb:index`: rebuilds the search index under DATA_DIR/index explicitly and reports timing.
// (The app also rebuilds it by itself whenever the knowledge files' content hash changes.)
import { join } from "node:path";
import { setUpRetrieval } from "../src/app/retrieval.js";
import { loadConfig } from "../src/config/index.js";
import { loadKnowledgeOrThrow } from "../src/knowledge/index.js";
import { run } from "./lib/setup.js";

run(async () => {
  const config = loadConfig();
  const kb = loadKnowledgeOrThrow(config.knowledgeDir);
  const t0 = performance.now();
  const { indexes } = await setUpRetrieval(config, kb, { force: true });
  const ms = performance.now() - t0;
  console.log(
    `✓ Đã dựng chỉ mục / index built: ${indexes.slugs.length} thủ tục, ${indexes.local.index.passageDoc.length} đoạn, ` +
      `${ms.toFixed(0)} ms → ${join(config.dataDir, "index")} (hash ${kb.hash})`,
  );
});
