// Portal down, end to end: with the sandbox process stopped, a confirmed form is kept and the citizen
// is told it will be sent automatically; once the sandbox runs again (same port, same data folder)
// the portal-create job creates exactly one dossier and the citizen is told through the updates.
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DOSSIER_CODE_PATTERN } from "../../src/portal/contract.js";
import {
  APPLICANT_A,
  createdCode,
  eventually,
  fillAndConfirm,
  joined,
  say,
  sqlite,
  startChatStack,
  updates,
  waitForUpdates,
  type ChatStack,
} from "./sandbox/chat-stack.js";

/** motcua's portal-create jobs and their states. */
function createJobs(stack: ChatStack): Array<{ id: string; state: string }> {
  return sqlite(
    join(stack.app.dataDir, "jobs.sqlite"),
    (db) =>
      db.prepare("SELECT id, state FROM jobs WHERE name = 'portal-create'").all() as Array<{
        id: string;
        state: string;
      }>,
  );
}

describe("portal down while a form is confirmed", () => {
  let stack: ChatStack;
  const session = `down-${randomUUID()}`;

  beforeAll(async () => {
    stack = await startChatStack();
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("keeps the form, says it will be sent, and creates one dossier once the portal is back", async () => {
    expect(await stack.app.portal.client?.health()).toBe(true);
    await stack.stopSandbox();
    expect(await stack.app.portal.client?.health()).toBe(false);

    const replies = await fillAndConfirm(stack.app, session, APPLICANT_A);
    const text = joined(replies);
    expect(text).toContain("tôi sẽ tự gửi lại");
    expect(text).toContain("đã được lưu an toàn");
    expect(createdCode(replies)).toBe("");
    expect(createJobs(stack)).toHaveLength(1);
    expect(await say(stack.app, session, "hồ sơ của tôi").then(joined)).not.toMatch(/có \d+ hồ sơ/);

    await stack.startSandbox();
    const arrived = await waitForUpdates(stack.app, session, (all) => createdCode(all) !== "", 150_000);
    const code = createdCode(arrived);
    expect(code).toMatch(DOSSIER_CODE_PATTERN);
    expect(joined(arrived)).toMatch(/📅 Ngày hẹn trả kết quả/);
    expect(arrived.flatMap((r) => r.links ?? []).some((l) => l.label.startsWith("Hoàn tất trên cổng"))).toBe(
      true,
    );

    // The job is done, nothing else is queued or told, and the portal holds one dossier only.
    await eventually(() => createJobs(stack).every((j) => j.state === "completed"), "create job completed");
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await updates(stack.app, session)).toEqual([]);
    expect(stack.dossierCount()).toBe(1);
    const mine = await say(stack.app, session, "hồ sơ của tôi");
    expect(joined(mine)).toContain("Anh/chị có 1 hồ sơ");
    expect(mine.flatMap((r) => r.options ?? []).map((o) => o.id)).toContain(`status:${code}`);
    const found = await stack.client.getDossier(code, { ownerIdNumber: APPLICANT_A.idNumber });
    expect(found?.code).toBe(code);
    expect(found?.status).toBe(1);
    expect(stack.app.logs.join("\n")).not.toContain(APPLICANT_A.idNumber);
  }, 240_000);
});
