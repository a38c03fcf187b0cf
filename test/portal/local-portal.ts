// Small stand-in portals on 127.0.0.1 for the PortalClient tests: each answers with a handler, records
// the requests it got, and is closed after the test that started it.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach } from "vitest";

/** One request a stand-in portal received. */
export interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}

/** Answers a request; `attempt` counts the requests so far (1 for the first). */
export type Handler = (seen: Seen, res: ServerResponse, attempt: number) => void;

export interface LocalPortal {
  readonly url: string;
  readonly seen: Seen[];
  /** How many requests arrived. */
  hits(): number;
}

/** Registers closing after each test; returns `serve`, which starts a portal answering with `handler`. */
export function localPortals(): (handler: Handler) => Promise<LocalPortal> {
  const servers: Array<() => Promise<void>> = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((close) => close()));
  });
  return async (handler) => {
    const seen: Seen[] = [];
    const server = createServer((req, res) => {
      let body = "";
      req.setEncoding("utf8");
      req.on("data", (chunk: string) => (body += chunk));
      req.on("end", () => {
        const entry = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
        seen.push(entry);
        handler(entry, res, seen.length);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return { url, seen, hits: () => seen.length };
  };
}

/** Writes a JSON answer. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
