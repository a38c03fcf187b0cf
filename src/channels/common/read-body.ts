// Reads a request body as text (or raw bytes: photos) with a size limit, for every route that takes one
// (web chat, webhooks, portal callbacks). On Node it reads the raw IncomingMessage (no web-stream
// wrapping: measurably cheaper per chat turn); elsewhere (app.request in tests) the Request.
import type { IncomingMessage } from "node:http";
import type { Context } from "hono";

export const TOO_LARGE = Symbol("too-large");

function nodeRequest(c: Context): IncomingMessage | null {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming && typeof incoming.on === "function" && !incoming.readableEnded ? incoming : null;
}

/** Collects the Node request's bytes; stops keeping them (and drains the rest) past `maxBytes`. */
function readNode(incoming: IncomingMessage, maxBytes: number): Promise<Buffer | typeof TOO_LARGE> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    incoming.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        incoming.removeAllListeners("data");
        incoming.resume();
        chunks.length = 0;
        resolve(TOO_LARGE);
      } else chunks.push(chunk);
    });
    incoming.once("end", () => resolve(Buffer.concat(chunks)));
    incoming.once("error", reject);
  });
}

/** The raw body (an uploaded photo), or TOO_LARGE when it (or its declared length) exceeds `maxBytes`. */
export async function readBodyBytes(c: Context, maxBytes: number): Promise<Uint8Array | typeof TOO_LARGE> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > maxBytes) return TOO_LARGE;
  const incoming = nodeRequest(c);
  if (incoming) return readNode(incoming, maxBytes);
  const buffer = await c.req.arrayBuffer();
  return buffer.byteLength > maxBytes ? TOO_LARGE : new Uint8Array(buffer);
}

/** The body as UTF-8 text, or TOO_LARGE when it (or its declared length) exceeds `maxBytes`. */
export async function readBodyText(c: Context, maxBytes: number): Promise<string | typeof TOO_LARGE> {
  const body = await readBodyBytes(c, maxBytes);
  if (body === TOO_LARGE) return TOO_LARGE;
  // Node's bytes decode as before (Buffer); a Request's body through TextDecoder, as before.
  return Buffer.isBuffer(body) ? body.toString("utf8") : new TextDecoder().decode(body);
}
