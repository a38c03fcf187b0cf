// Appointment dates from the sandbox running as a separate process with its business clock set
// (PORTAL_CLOCK_START) before Tết 2026 and 2027, 30/4–1/5 and 2/9: codes carry the day, dates skip holidays.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDossierResponseSchema } from "../../src/portal/contract.js";
import { tempDir } from "../helpers/tmp.js";
import { startSandbox, type RunningSandbox } from "./sandbox/harness.js";
import { createDossier, dossierRequest } from "./sandbox/requests.js";

/** Clock start (Vietnam time) → expected yymmdd and appointment per procedure (working days). */
const SCENARIOS = {
  "before Tết 2026, Friday morning": {
    clock: "2026-02-13T10:00:00+07:00",
    yymmdd: "260213",
    due: { "khai-sinh": "2026-02-23", "chung-thuc-ban-sao": "2026-02-24", "ho-chieu": "2026-03-04" },
  },
  "before Tết 2026, Friday after 15:00": {
    clock: "2026-02-13T15:30:00+07:00",
    yymmdd: "260213",
    due: { "khai-sinh": "2026-02-24", "chung-thuc-ban-sao": "2026-02-25", "ho-chieu": "2026-03-05" },
  },
  "before Tết 2027 (provisional)": {
    clock: "2027-02-04T09:00:00+07:00",
    yymmdd: "270204",
    due: { "khai-sinh": "2027-02-12", "chung-thuc-ban-sao": "2027-02-15", "ho-chieu": "2027-02-23" },
  },
  "before 30/4–1/5 2026": {
    clock: "2026-04-29T09:00:00+07:00",
    yymmdd: "260429",
    due: { "khai-sinh": "2026-05-04", "chung-thuc-ban-sao": "2026-05-05", "ho-chieu": "2026-05-13" },
  },
  "before 2/9 2026": {
    clock: "2026-08-28T10:00:00+07:00",
    yymmdd: "260828",
    due: { "khai-sinh": "2026-09-03", "chung-thuc-ban-sao": "2026-09-04", "ho-chieu": "2026-09-14" },
  },
} as const;

const running = new Map<string, RunningSandbox>();

beforeAll(async () => {
  await Promise.all(
    Object.entries(SCENARIOS).map(async ([name, s]) => {
      running.set(name, await startSandbox({ PORTAL_DATA_DIR: tempDir(), PORTAL_CLOCK_START: s.clock }));
    }),
  );
});
afterAll(async () => {
  await Promise.all([...running.values()].map((r) => r.stop()));
});

describe("working-day appointment dates over HTTP", () => {
  it.each(Object.keys(SCENARIOS) as Array<keyof typeof SCENARIOS>)("%s", async (name) => {
    const scenario = SCENARIOS[name];
    const sandbox = running.get(name);
    if (!sandbox) throw new Error("not started");
    let n = 0;
    for (const [procedure, due] of Object.entries(scenario.due)) {
      const answer = await createDossier(sandbox.url, dossierRequest(procedure, 40 + n));
      expect([procedure, answer.status]).toEqual([procedure, 201]);
      const { dossier } = createDossierResponseSchema.parse(answer.json);
      n += 1;
      expect(dossier.code).toBe(`H29.31-${scenario.yymmdd}-${String(n).padStart(4, "0")}`);
      expect(dossier.submittedAt.startsWith(scenario.clock.slice(0, 13))).toBe(true);
      expect([procedure, dossier.appointmentDate]).toEqual([procedure, due]);
    }
  });
});
