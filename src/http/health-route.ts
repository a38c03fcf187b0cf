// Operations endpoints: /healthz (liveness, no I/O), /readyz (stores, job queue and a remote portal
// checked, 503 naming what is down or "shutting down") and Prometheus /metrics, optionally with a token.
import { Hono } from "hono";
import type { Registry } from "prom-client";
import { sameSecret } from "../channels/common/secret.js";

/** One dependency /readyz checks; `name` is shown, so it must never carry a URL or secret. */
export interface ReadinessCheck {
  readonly name: string;
  /** True when the dependency answers; a throw or a timeout counts as down. */
  check(): Promise<boolean>;
}

export interface HealthRouteDeps {
  readonly readiness?: readonly ReadinessCheck[];
  /**
   * True once graceful shutdown has begun: /readyz then answers 503 at once (no check runs), so a
   * reverse proxy stops sending new traffic while in-flight turns finish; /healthz stays 200.
   */
  readonly shuttingDown?: () => boolean;
  /** The registry /metrics exposes (absent = no /metrics) and the Bearer token it needs (null = open). */
  readonly metrics?: { readonly registry: Registry; readonly token: string | null } | null;
  /** Longest wait for one check (default 2,000 ms). */
  readonly checkTimeoutMs?: number;
}

/** Runs a check with a timeout; never throws. */
async function probe(check: ReadinessCheck, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), timeoutMs);
  });
  try {
    return await Promise.race([check.check().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Checks every dependency at once: the status of each by name and the names of those down. */
export async function readiness(
  checks: readonly ReadinessCheck[],
  timeoutMs = 2_000,
): Promise<{ checks: Record<string, "up" | "down">; down: string[] }> {
  const results = await Promise.all(checks.map((c) => probe(c, timeoutMs)));
  const byName: Record<string, "up" | "down"> = {};
  checks.forEach((c, i) => (byName[c.name] = results[i] ? "up" : "down"));
  return { checks: byName, down: checks.filter((_, i) => !results[i]).map((c) => c.name) };
}

/** /healthz, /readyz and (with a registry) /metrics. */
export function healthRoute(deps: HealthRouteDeps = {}): Hono {
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    c.header("Cache-Control", "no-store");
    const stopping = (): boolean => deps.shuttingDown?.() === true;
    if (!stopping()) {
      const { checks, down } = await readiness(deps.readiness ?? [], deps.checkTimeoutMs);
      // Shutdown may have begun while the checks ran: it wins.
      if (!stopping())
        return down.length === 0
          ? c.json({ status: "ready", checks })
          : c.json({ status: "not-ready", down, checks }, 503);
    }
    return c.json({ status: "not-ready", reason: "shutting down" }, 503);
  });
  const metrics = deps.metrics;
  if (metrics) {
    app.get("/metrics", async (c) => {
      if (metrics.token !== null) {
        const header = c.req.header("authorization") ?? "";
        const given = header.startsWith("Bearer ") ? header.slice(7) : null;
        if (!sameSecret(given, metrics.token)) {
          c.header("WWW-Authenticate", 'Bearer realm="metrics"');
          return c.json({ error: "Cần mã truy cập để xem số liệu. / Token required." }, 401);
        }
      }
      c.header("Content-Type", metrics.registry.contentType);
      c.header("Cache-Control", "no-store");
      return c.body(await metrics.registry.metrics());
    });
  }
  return app;
}
