// A local OpenAI-compatible HTTP server on 127.0.0.1 for tests: /v1/embeddings returns
// deterministic bag-of-words vectors. It speaks the real wire protocol the SDK uses.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeOpenAI {
  readonly baseURL: string;
  /** Every request body received, in order. */
  readonly requests: Array<{ path: string; body: Record<string, unknown> }>;
  close(): Promise<void>;
}

const DIM = 64;

function hashWord(w: string): number {
  let h = 2166136261;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 16777619);
  return (h >>> 0) % DIM;
}

/** Deterministic embedding: normalised counts of lower-cased, accent-free words. */
export function fakeEmbedding(text: string): number[] {
  const v = new Array<number>(DIM).fill(0);
  const words = text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/đ/g, "d")
    .toLowerCase()
    .split(/[^a-z0-9]+/);
  for (const w of words) if (w) v[hashWord(w)] = (v[hashWord(w)] ?? 0) + 1;
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => x / norm);
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

/** Starts the fake server on an ephemeral port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const server: Server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      requests.push({ path: req.url ?? "", body });
      res.setHeader("content-type", "application/json");
      if (req.method === "POST" && req.url === "/v1/embeddings") {
        const input = body.input;
        const texts = Array.isArray(input) ? input.map(String) : [String(input)];
        res.end(
          JSON.stringify({
            object: "list",
            model: body.model,
            data: texts.map((t, index) => ({ object: "embedding", index, embedding: fakeEmbedding(t) })),
            usage: { prompt_tokens: 1, total_tokens: 1 },
          }),
        );
        return;
      }
      res.statusCode = 404;
      res.end(JSON.stringify({ error: { message: "not found" } }));
    })();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as AddressInfo;
  return {
    baseURL: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
