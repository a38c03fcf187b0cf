// The sandbox process dies in the middle of creating a dossier, end to end: motcua reaches the
// sandbox through a tiny TCP proxy that SIGKILLs the sandbox when POST /v1/dossiers goes through, so
// the client's request never gets an answer — either after the sandbox committed the dossier (its
// answer is swallowed) or before the request reached it. After a restart on the same port and data
// folder, the retries (client retries, then the portal-create job with the form's idempotency key)
// must leave exactly ONE dossier for the form.
import { randomUUID } from "node:crypto";
import { createConnection, createServer, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { DOSSIER_CODE_PATTERN } from "../../src/portal/contract.js";
import {
  APPLICANT_A,
  createdCode,
  fillAndConfirm,
  joined,
  say,
  sqlite,
  startChatStack,
  updates,
  waitForUpdates,
  type ChatStack,
  type FakeApplicant,
} from "./sandbox/chat-stack.js";

/** "before": kill as soon as the request arrives (never forwarded); "after": kill once the sandbox answered. */
type KillMode = "before" | "after";

interface KillingProxy {
  readonly url: string;
  /** The next POST /v1/dossiers runs `kill` (once), and its answer never reaches the client. */
  arm(mode: KillMode, kill: () => void): void;
  /** True once the armed kill happened. */
  fired(): boolean;
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 in front of the sandbox's port. */
async function startKillingProxy(targetPort: number): Promise<KillingProxy> {
  let armed: { mode: KillMode; kill: () => void } | null = null;
  let fired = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    sockets.add(client);
    const upstream = createConnection({ host: "127.0.0.1", port: targetPort });
    sockets.add(upstream);
    let creating = false;
    const drop = (): void => {
      client.destroy();
      upstream.destroy();
    };
    client.on("data", (chunk: Buffer) => {
      if (armed && chunk.toString("latin1").startsWith("POST /v1/dossiers ")) {
        creating = true;
        if (armed.mode === "before") {
          const { kill } = armed;
          armed = null;
          fired = true;
          kill();
          drop();
          return;
        }
      }
      upstream.write(chunk);
    });
    upstream.on("data", (chunk: Buffer) => {
      if (creating && armed?.mode === "after") {
        // The sandbox committed and answered: it dies now and the answer is lost.
        const { kill } = armed;
        armed = null;
        fired = true;
        kill();
        drop();
        return;
      }
      client.write(chunk);
    });
    client.on("error", drop);
    upstream.on("error", drop);
    client.on("close", () => {
      upstream.destroy();
      sockets.delete(client);
    });
    upstream.on("close", () => {
      client.end();
      sockets.delete(upstream);
    });
  });
  await new Promise<void>((ok) => server.listen(0, "127.0.0.1", () => ok()));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    arm: (mode, kill) => (armed = { mode, kill }),
    fired: () => fired,
    close: () =>
      new Promise<void>((ok) => {
        for (const s of sockets) s.destroy();
        server.close(() => ok());
      }),
  };
}

const stacks: ChatStack[] = [];
const proxies: KillingProxy[] = [];
afterAll(async () => {
  await Promise.all(stacks.map((s) => s.close()));
  await Promise.all(proxies.map((p) => p.close()));
});

/** The confirmed form ids motcua queued for another try (job ids "create-<formId>"). */
function queuedForms(stack: ChatStack): string[] {
  return sqlite(join(stack.app.dataDir, "jobs.sqlite"), (db) =>
    (db.prepare("SELECT id FROM jobs WHERE name = 'portal-create'").all() as Array<{ id: string }>).map((r) =>
      r.id.replace(/^create-/, ""),
    ),
  );
}

async function killMidRequest(mode: KillMode, who: FakeApplicant): Promise<void> {
  let proxy: KillingProxy | undefined;
  const stack = await startChatStack({
    portalUrl: async (sandboxPort) => {
      proxy = await startKillingProxy(sandboxPort);
      proxies.push(proxy);
      return proxy.url;
    },
  });
  stacks.push(stack);
  if (!proxy) throw new Error("no proxy");
  const sandbox = stack.sandbox();
  expect(sandbox).not.toBeNull();
  proxy.arm(mode, () => sandbox?.child.kill("SIGKILL"));

  const session = `kill-${mode}-${randomUUID()}`;
  const replies = await fillAndConfirm(stack.app, session, who);
  expect(proxy.fired()).toBe(true);
  await sandbox?.stop();
  // No answer reached motcua: the citizen is told the form is kept and will be sent again.
  expect(createdCode(replies)).toBe("");
  expect(joined(replies)).toContain("tôi sẽ tự gửi lại");
  // "after": the sandbox had committed the dossier before it died; "before": it never saw it.
  expect(stack.dossierCount()).toBe(mode === "after" ? 1 : 0);

  await stack.startSandbox();
  const arrived = await waitForUpdates(stack.app, session, (all) => createdCode(all) !== "", 150_000);
  const code = createdCode(arrived);
  expect(code).toMatch(DOSSIER_CODE_PATTERN);

  // Exactly one dossier: one row in the sandbox's SQLite, the one the citizen was told about.
  expect(stack.dossierCount()).toBe(1);
  const [only] = sqlite(join(stack.portalDataDir, "sandbox-portal.sqlite"), (db) =>
    db.prepare("SELECT code FROM dossiers").all(),
  ) as Array<{ code: string }>;
  expect(only?.code).toBe(code);
  // The owner's ID number finds it on the portal.
  const found = await stack.client.getDossier(code, { ownerIdNumber: who.idNumber });
  expect(found?.code).toBe(code);
  expect(found?.status).toBe(1);
  // Sending the same confirmed form again (same idempotency key "form-<id>") gives the same dossier.
  const forms = queuedForms(stack);
  expect(forms).toHaveLength(1);
  const form = await stack.app.stores.forms.get(forms[0] ?? "");
  expect(form).not.toBeNull();
  const submitNow = stack.app.portal.submitNow;
  if (!form || !submitNow) throw new Error("no form or no portal");
  const again = await submitNow(form, { channel: "web", conversationId: `web:${session}` });
  expect(again).toMatchObject({ kind: "created", code });
  expect(stack.dossierCount()).toBe(1);

  // Nothing more reaches the citizen, and the chat lists one dossier.
  await new Promise((r) => setTimeout(r, 1_500));
  expect(await updates(stack.app, session)).toEqual([]);
  const mine = await say(stack.app, session, "hồ sơ của tôi");
  expect(joined(mine)).toContain("Anh/chị có 1 hồ sơ");
  expect(stack.app.logs.join("\n")).not.toContain(who.idNumber);
}

describe("sandbox killed while creating a dossier", () => {
  it("after the sandbox committed (its answer lost): still exactly one dossier", async () => {
    await killMidRequest("after", APPLICANT_A);
  }, 240_000);

  it("before the sandbox saw the request: exactly one dossier once it is back", async () => {
    await killMidRequest("before", { name: "Lê Thị Hoa", idNumber: "001304005678", phone: "0987654321" });
  }, 240_000);
});
