// Status polling when callbacks are off: motcua with PORTAL_URL and no PORTAL_CALLBACK_SECRET
// schedules the "portal-poll" job; one poll round (called directly, the interval is ≥ 30 s) tells
// the owner once per staff status change and nothing while the status stays the same.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pollDossierStatuses, POLL_JOB } from "../../src/app/portal-jobs.js";
import {
  APPLICANT_A,
  createdCode,
  fillAndConfirm,
  startChatStack,
  STAFF_TOKEN,
  updates,
  type ChatStack,
  type Reply,
} from "./sandbox/chat-stack.js";

const BELL = "🔔";
const bells = (replies: readonly Reply[]): Reply[] => replies.filter((r) => r.text.includes(BELL));

describe("status polling with callbacks off (remote portal, no PORTAL_CALLBACK_SECRET)", () => {
  let stack: ChatStack;
  const owner = `owner-${randomUUID()}`;
  let code: string;
  const poll = (): Promise<number> => {
    const portalClient = stack.app.portal.client;
    if (!portalClient) throw new Error("no portal client");
    return pollDossierStatuses({
      client: portalClient,
      stores: stack.app.stores,
      assistant: stack.app.assistant,
      now: Date.now,
    });
  };

  beforeAll(async () => {
    stack = await startChatStack({ callbacks: false });
    code = createdCode(await fillAndConfirm(stack.app, owner, APPLICANT_A));
  }, 120_000);
  afterAll(async () => {
    await stack?.close();
  });

  it("refuses callbacks and schedules the poll job", async () => {
    expect(stack.app.portal.callbackSecret).toBeNull();
    expect(stack.app.logs.join("")).toContain("polling dossier statuses");
    expect(POLL_JOB).toBe("portal-poll");
    const link = await stack.app.stores.dossiers.byCode(code);
    expect(link?.lastStatus).toBe(1);
    expect((await stack.app.stores.dossiers.recent(10)).map((l) => l.code)).toContain(code);
  });

  it("sends nothing while the status is unchanged", async () => {
    expect(await poll()).toBe(0);
    expect(bells(await updates(stack.app, owner))).toEqual([]);
  });

  it("tells the owner exactly once per staff status change (1 → 2 → 5)", async () => {
    await stack.client.changeStatus(code, { status: 2, note: "Đã tiếp nhận" }, STAFF_TOKEN);
    expect(await poll()).toBe(1);
    const first = bells(await updates(stack.app, owner));
    expect(first).toHaveLength(1);
    expect(first[0]?.text).toContain(`Hồ sơ ${code}:`);
    expect((await stack.app.stores.dossiers.byCode(code))?.lastStatus).toBe(2);

    expect(await poll()).toBe(0);
    expect(bells(await updates(stack.app, owner))).toEqual([]);

    const request = "Bản sao giấy chứng nhận kết hôn của cha mẹ (có chứng thực)";
    await stack.client.changeStatus(code, { status: 5, requests: [request] }, STAFF_TOKEN);
    expect(await poll()).toBe(1);
    const second = bells(await updates(stack.app, owner));
    expect(second).toHaveLength(1);
    expect(second[0]?.text).toContain(`Cần bổ sung: ${request}`);

    expect(await poll()).toBe(0);
    expect(await updates(stack.app, owner)).toEqual([]);
  });
});
