// GET /api/search?q=… — the top matching procedures as JSON, with the retriever's decision.
// Bad input gets a 400 with a polite Vietnamese message; the query itself is never logged.
import { Hono } from "hono";
import type { Procedure } from "../core/knowledge/index.js";
import type { Retriever } from "../core/ports.js";

export const MAX_QUERY_LENGTH = 1000;

export interface SearchRouteDeps {
  readonly retriever: Retriever;
  readonly procedures: ReadonlyMap<string, Procedure>;
}

/** Mounts the search endpoint. */
export function searchRoute(deps: SearchRouteDeps): Hono {
  const app = new Hono();
  app.get("/api/search", async (c) => {
    const q = c.req.query("q")?.trim() ?? "";
    if (q.length === 0) {
      return c.json({ error: "Vui lòng nhập câu hỏi vào tham số q. / Missing query parameter q." }, 400);
    }
    if (q.length > MAX_QUERY_LENGTH) {
      return c.json(
        { error: `Câu hỏi dài quá ${MAX_QUERY_LENGTH} ký tự, xin viết ngắn lại. / Query too long.` },
        400,
      );
    }
    const result = await deps.retriever.search(q);
    return c.json({
      decision: result.decision,
      confidence: Number(result.confidence.toFixed(3)),
      candidates: result.candidates.map((cand) => {
        const p = deps.procedures.get(cand.slug);
        return {
          slug: cand.slug,
          name: p?.name ?? cand.slug,
          code: p?.code ?? null,
          score: Number(cand.score.toFixed(5)),
          source: p?.sources[0]?.url ?? null,
          checked: p?.checked ?? null,
        };
      }),
    });
  });
  return app;
}
