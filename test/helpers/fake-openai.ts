// A local OpenAI-compatible HTTP server on 127.0.0.1 for tests: /v1/embeddings returns deterministic
// bag-of-words vectors, /v1/chat/completions scripted replies. It speaks the real wire protocol the SDK uses.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * One scripted reply of /v1/chat/completions: the message content, or a function of the request body
 * (may be async, e.g. to be slow). A function that throws makes the server answer HTTP 500.
 * For a request with response_format json_schema, script JSON text (or malformed text on purpose).
 */
export type ChatReply = string | ((body: Record<string, unknown>) => string | Promise<string>);

export interface FakeOpenAI {
  readonly baseURL: string;
  /** Every request body received, in order. */
  readonly requests: Array<{ path: string; body: Record<string, unknown> }>;
  /** Replies for /v1/chat/completions, first in first out; when empty, a default reply is sent. */
  readonly chatReplies: ChatReply[];
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

/** The plainest value a JSON schema accepts: null where allowed, [] for arrays, the first enum value. */
function defaultFor(schema: unknown): unknown {
  if (typeof schema !== "object" || schema === null) return null;
  const s = schema as Record<string, unknown>;
  const options = (s.anyOf ?? s.oneOf) as unknown[] | undefined;
  if (Array.isArray(options)) {
    const isNull = (o: unknown) => (o as Record<string, unknown> | null)?.type === "null";
    return options.some(isNull) ? null : defaultFor(options[0]);
  }
  if (Array.isArray(s.enum)) return s.enum[0] ?? null;
  if (s.type === "object" && typeof s.properties === "object" && s.properties !== null)
    return Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, defaultFor(v)]));
  if (s.type === "array") return [];
  if (s.type === "string") return "";
  if (s.type === "number" || s.type === "integer") return 0;
  if (s.type === "boolean") return false;
  return null;
}

function defaultReply(body: Record<string, unknown>): string {
  const format = body.response_format as { type?: string; json_schema?: { schema?: unknown } } | undefined;
  return format?.type === "json_schema" ? JSON.stringify(defaultFor(format.json_schema?.schema)) : "OK";
}

/** The standard non-streaming chat.completion object around `content`. */
function completion(body: Record<string, unknown>, content: string, n: number): Record<string, unknown> {
  return {
    id: `chatcmpl-fake-${n}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model: body.model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  };
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString("utf8") || "{}") as Record<string, unknown>;
}

/** Starts the fake server on an ephemeral port. */
export async function startFakeOpenAI(): Promise<FakeOpenAI> {
  const requests: FakeOpenAI["requests"] = [];
  const chatReplies: ChatReply[] = [];
  let completions = 0;
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
      if (req.method === "POST" && req.url === "/v1/chat/completions") {
        if (body.stream === true) {
          res.statusCode = 400;
          res.end(
            JSON.stringify({
              error: { message: "the fake server does not stream", type: "invalid_request_error" },
            }),
          );
          return;
        }
        const reply = chatReplies.shift() ?? defaultReply;
        try {
          const content = typeof reply === "string" ? reply : await reply(body);
          res.end(JSON.stringify(completion(body, content, ++completions)));
        } catch (err) {
          res.statusCode = 500;
          res.end(JSON.stringify({ error: { message: String(err), type: "server_error" } }));
        }
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
    chatReplies,
    close: () =>
      new Promise<void>((r) => {
        server.close(() => r());
        server.closeAllConnections(); // keep-alive sockets of the SDK would otherwise hold close() open
      }),
  };
}
