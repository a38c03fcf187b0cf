// The index is persisted under DATA_DIR/index, reused when the knowledge is unchanged, rebuilt
// automatically when a knowledge file changes (content hash), and rebuilt when damaged.
import { appendFileSync, cpSync, existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadKnowledgeOrThrow } from "../../src/knowledge/index.js";
import { createRetriever } from "../../src/retrieval/index.js";
import { KNOWLEDGE_DIR } from "../helpers/kb.js";
import { tempDir } from "../helpers/tmp.js";

describe("index persistence", () => {
  const root = tempDir();
  const knowledge = join(root, "knowledge");
  cpSync(KNOWLEDGE_DIR, knowledge, { recursive: true });
  const indexDir = join(root, "data", "index");

  it("builds on first start, then loads the same index", async () => {
    const kb = loadKnowledgeOrThrow(knowledge);
    const first = await createRetriever(kb, indexDir);
    expect(first.indexes.origin).toBe("built");
    expect(existsSync(join(indexDir, "manifest.json"))).toBe(true);
    expect(existsSync(join(indexDir, "local-0.hnsw"))).toBe(true);
    const second = await createRetriever(kb, indexDir);
    expect(second.indexes.origin).toBe("loaded");
    for (const q of ["lam giay khai sinh can j", "đăng ký khai sinh quá hạn"]) {
      expect(await second.retriever.search(q)).toEqual(await first.retriever.search(q));
    }
  });

  it("rebuilds when a knowledge file changes", async () => {
    const before = loadKnowledgeOrThrow(knowledge);
    appendFileSync(join(knowledge, "procedures/khai-sinh.yaml"), "\n# một dòng chú thích mới\n");
    const after = loadKnowledgeOrThrow(knowledge);
    expect(after.hash).not.toBe(before.hash);
    const { indexes } = await createRetriever(after, indexDir);
    expect(indexes.origin).toBe("built");
    expect((await createRetriever(after, indexDir)).indexes.origin).toBe("loaded");
  });

  it("rebuilds instead of failing when the index files are damaged", async () => {
    const kb = loadKnowledgeOrThrow(knowledge);
    writeFileSync(join(indexDir, "lexical.bin"), "not a v8 snapshot");
    const { indexes, retriever } = await createRetriever(kb, indexDir);
    expect(indexes.origin).toBe("built");
    expect((await retriever.search("đăng ký khai sinh")).candidates[0]?.slug).toBe("khai-sinh");
  });

  it("rebuilds on request (npm run kb:index)", async () => {
    const kb = loadKnowledgeOrThrow(knowledge);
    expect((await createRetriever(kb, indexDir, { force: true })).indexes.origin).toBe("built");
  });
});
