// Officers on Zalo (STAFF_ZALO_IDS): their messages arrive marked fromStaff and get the compact
// forwarding answer; a citizen typing the same gets the ordinary dialogue.
import { describe, expect, it } from "vitest";
import { startRig, update, until } from "./harness.js";

const OFFICER = "700100200";
const CITIZEN = "700100999";
const rig = await startRig({ STAFF_ZALO_IDS: OFFICER });

describe("zalo officers", () => {
  it("answers a listed officer in forwarding mode and a citizen normally", async () => {
    for (const id of [OFFICER, CITIZEN])
      expect((await rig.post(update(id, "/chiase khai sinh"))).json.status).toBe("queued");
    await until(() => rig.zalo.sent(OFFICER).some((t) => t.includes("Giấy tờ cần chuẩn bị:")));
    await until(() => rig.zalo.sent(CITIZEN).length > 0);
    const officer = rig.zalo.sent(OFFICER).join("\n");
    expect(officer).toContain("📋 Đăng ký khai sinh");
    expect(officer).toContain("Giấy tờ cần chuẩn bị:");
    expect(rig.zalo.sent(CITIZEN).join("\n")).not.toContain("📋");
  });
});
