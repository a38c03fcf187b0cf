// Durability of the sandbox portal across a restart of its process: dossiers, daily sequences and
// undelivered callbacks live in SQLite, so a callback queued before the restart is delivered after it.
import { afterAll, describe, expect, it } from "vitest";
import { createDossierResponseSchema, statusCallbackSchema } from "../../src/portal/contract.js";
import { verifySignature } from "../../src/portal/signature.js";
import { tempDir } from "../helpers/tmp.js";
import {
  CALLBACK_SECRET,
  STAFF_TOKEN,
  startReceiver,
  startSandbox,
  type Receiver,
  type RunningSandbox,
} from "./sandbox/harness.js";
import { createDossier, dossierRequest, get, post } from "./sandbox/requests.js";

const dataDir = tempDir("motcua-sandbox-restart-");
const started: RunningSandbox[] = [];
let receiver: Receiver | undefined;

afterAll(async () => {
  await Promise.all(started.map((s) => s.stop()));
  await receiver?.close();
});

describe("sandbox portal restart", () => {
  it("keeps dossiers and sequences, and delivers a callback queued before the restart", async () => {
    receiver = await startReceiver();
    const env = {
      PORTAL_DATA_DIR: dataDir,
      PORTAL_CALLBACK_URL: receiver.url,
      PORTAL_CALLBACK_SECRET: CALLBACK_SECRET,
      PORTAL_CALLBACK_RETRY_MS: "100",
      PORTAL_CALLBACK_RETRY_MAX_MS: "200",
    };
    const first = await startSandbox(env);
    started.push(first);
    const body = dossierRequest("khai-sinh", 50);
    const { dossier } = createDossierResponseSchema.parse((await createDossier(first.url, body)).json);
    receiver.respondWith(dossier.code, ...Array<number>(1000).fill(503));
    const moved = await post(
      `${first.url}/v1/staff/dossiers/${dossier.code}/status`,
      { status: 2 },
      {
        authorization: `Bearer ${STAFF_TOKEN}`,
      },
    );
    expect(moved.status).toBe(200);
    const failures = await receiver.waitFor(dossier.code, 2);
    expect(failures.every((f) => f.status === 503)).toBe(true);
    await first.stop();

    receiver.clear(dossier.code);
    const second = await startSandbox(env);
    started.push(second);
    const lookup = await get(`${second.url}/v1/dossiers/${dossier.code}`, {
      "x-owner-id-number": body.applicant.idNumber,
    });
    expect(lookup.status).toBe(200);
    const all = await receiver.waitFor(dossier.code, failures.length + 1);
    const delivered = all.find((cb) => cb.status === 200);
    expect(delivered).toBeDefined();
    if (!delivered) return;
    const event = statusCallbackSchema.parse(JSON.parse(delivered.body));
    expect(event.eventId).toBe(statusCallbackSchema.parse(JSON.parse(failures[0]?.body ?? "")).eventId);
    expect(
      verifySignature(
        CALLBACK_SECRET,
        delivered.headers["x-portal-timestamp"],
        delivered.body,
        delivered.headers["x-portal-signature"],
      ),
    ).toBe(true);
    const next = createDossierResponseSchema.parse(
      (await createDossier(second.url, dossierRequest("khai-sinh", 51))).json,
    );
    expect(next.dossier.code).toBe(dossier.code.replace(/\d{4}$/, "0002"));
  });
});
