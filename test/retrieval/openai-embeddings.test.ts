// The OpenAI-embeddings path, through @langchain/openai against a local OpenAI-compatible server
// on 127.0.0.1: document vectors are requested once, persisted, and queries are embedded remotely.
import { join } from "node:path";
import { Writable } from "node:stream";
import { createLogger } from "../../src/app/logger.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/index.js";
import { setUpRetrieval } from "../../src/app/retrieval.js";
import { realKb } from "../helpers/kb.js";
import { startFakeOpenAI, type FakeOpenAI } from "../helpers/fake-openai.js";
import { tempDir } from "../helpers/tmp.js";

describe("OpenAI-compatible embeddings", () => {
  let fake: FakeOpenAI;
  const dataDir = tempDir();
  beforeAll(async () => {
    fake = await startFakeOpenAI();
  });
  afterAll(async () => {
    await fake.close();
  });

  const config = () =>
    loadConfig({
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_EMBEDDING_MODEL: "fake-embed",
      DATA_DIR: dataDir,
      EMBEDDINGS: "hybrid",
    });

  it("embeds every passage with encoding_format float and answers queries in hybrid mode", async () => {
    const { retriever, indexes } = await setUpRetrieval(config(), realKb());
    expect(indexes.origin).toBe("built");
    const docRequests = fake.requests.filter((r) => r.path === "/v1/embeddings");
    expect(docRequests.length).toBeGreaterThan(0);
    expect(
      docRequests.every((r) => r.body.encoding_format === "float" && r.body.model === "fake-embed"),
    ).toBe(true);
    const before = fake.requests.length;
    const result = await retriever.search("đăng ký khai sinh cho con");
    expect(fake.requests.length).toBe(before + 1); // the query itself is embedded remotely
    expect(result.candidates[0]?.slug).toBe("khai-sinh");
  });

  it("reuses the persisted remote vectors on the next start", async () => {
    const before = fake.requests.length;
    const { indexes } = await setUpRetrieval(config(), realKb());
    expect(indexes.origin).toBe("loaded");
    expect(indexes.extra).toHaveLength(1);
    expect(fake.requests.length).toBe(before);
  });

  it("falls back to lexical + local vectors when the embeddings server goes down, and says so in the log", async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const { retriever } = await setUpRetrieval(config(), realKb(), { logger: createLogger("warn", sink) });
    await fake.close();
    const result = await retriever.search("đăng ký khai sinh cho con");
    expect(result.candidates[0]?.slug).toBe("khai-sinh");
    expect(lines.join("")).toContain("remote embeddings unavailable");
    expect(lines.join("")).not.toContain("khai sinh"); // never the query
    fake = await startFakeOpenAI();
  });

  it("can replace the local vectors in the ranking (EMBEDDINGS=openai)", async () => {
    const cfg = loadConfig({
      OPENAI_BASE_URL: fake.baseURL,
      OPENAI_EMBEDDING_MODEL: "fake-embed",
      DATA_DIR: join(dataDir, "b"),
      EMBEDDINGS: "openai",
    });
    const { retriever } = await setUpRetrieval(cfg, realKb());
    expect((await retriever.search("dang ky khai sinh")).candidates[0]?.slug).toBe("khai-sinh");
  });
});
