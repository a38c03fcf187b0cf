// /healthz and /readyz on the real app: ready with SQLite stores and the job queue up; 503 naming
// what is down (closed stores, a remote portal nobody answers at) without URLs or secrets, and 503
// "shutting down" from the start of graceful shutdown while /healthz and turns still answer.
import { afterAll, describe, expect, it } from "vitest";
import { chat, listen, startApp, type TestApp } from "../helpers/app.js";
import { freePort } from "../helpers/net.js";

const apps: TestApp[] = [];
afterAll(async () => {
  for (const app of apps) await app.close().catch(() => undefined);
});

async function start(env: Record<string, string> = {}): Promise<TestApp> {
  const app = await startApp({ PORTAL: "off", ...env });
  apps.push(app);
  return app;
}

describe("/healthz", () => {
  it("answers ok without touching any dependency, even with the stores closed", async () => {
    const app = await start();
    await app.stores.close();
    const res = await app.http.request("/healthz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok" });
  });
});

describe("/readyz", () => {
  it("is ready when the stores and the job queue answer", async () => {
    const app = await start();
    const res = await app.http.request("/readyz");
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ready", checks: { stores: "up", jobs: "up" } });
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("answers 503 naming the stores when they are closed", async () => {
    const app = await start();
    await app.stores.close();
    const res = await app.http.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({
      status: "not-ready",
      down: ["stores"],
      checks: { stores: "down", jobs: "up" },
    });
  });

  it("answers 503 naming the job queue when it is closed", async () => {
    const app = await start();
    await app.queue.close();
    const res = await app.http.request("/readyz");
    expect(res.status).toBe(503);
    expect(((await res.json()) as { down: string[] }).down).toEqual(["jobs"]);
  });

  it("checks a remote portal and never shows its address or key", async () => {
    const port = await freePort(); // nothing listens there
    const app = await start({
      PORTAL: "auto",
      PORTAL_URL: `http://127.0.0.1:${port}`,
      PORTAL_API_KEY: "portal-api-key-secret-1234",
    });
    const res = await app.http.request("/readyz");
    const text = await res.text();
    expect(res.status).toBe(503);
    expect(JSON.parse(text)).toEqual({
      status: "not-ready",
      down: ["portal"],
      checks: { stores: "up", jobs: "up", portal: "down" },
    });
    expect(text).not.toContain(String(port));
    expect(text).not.toContain("portal-api-key");
  });

  it("does not check the embedded sandbox portal (it runs in this process)", async () => {
    const app = await start({ PORTAL: "auto" });
    const body = (await (await app.http.request("/readyz")).json()) as { checks: Record<string, string> };
    expect(Object.keys(body.checks)).toEqual(["stores", "jobs"]);
  });
});

describe("/readyz during graceful shutdown", () => {
  const shuttingDown = { status: "not-ready", reason: "shutting down" };

  it("answers 503 'shutting down' once shutdown begins; /healthz and turns still answer", async () => {
    const app = await start();
    const server = await listen(app);
    try {
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      app.beginShutdown();
      const ready = await fetch(`${server.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual(shuttingDown);
      expect(ready.headers.get("cache-control")).toBe("no-store");
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ status: "ok" });
      // Turns still in flight (or sent before the proxy noticed) are answered as usual.
      const replies = await chat(app, "shutdown-readyz-1", "làm giấy khai sinh cần gì");
      expect(replies.map((r) => r.text).join("\n")).toContain("khai sinh");
      app.beginShutdown(); // idempotent
      expect((await app.http.request("/readyz")).status).toBe(503);
    } finally {
      await server.stop();
    }
  });

  it("stays 'shutting down' (not a probe of closed stores) once the app has closed", async () => {
    const app = await start();
    await app.close();
    const res = await app.http.request("/readyz");
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual(shuttingDown);
    expect((await app.http.request("/healthz")).status).toBe(200);
  });
});
