// /healthz and /readyz on the real app: ready with SQLite stores and the job queue up; 503 naming
// what is down (closed stores, a remote portal nobody answers at) without URLs or secrets.
import { afterAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../helpers/app.js";
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
