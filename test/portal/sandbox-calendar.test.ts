// Unit tests of the sandbox's working-day calendar and due-date rule: the holiday data file,
// Tết 2025–2027, 30/4–1/5, 2/9, swapped Saturdays, the 15:00 cut-off and half days.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  appointmentDate,
  createWorkingCalendar,
  holidayFileSchema,
  loadHolidays,
  vnIso,
  vnLocal,
} from "../../src/portal/sandbox/index.js";
import { weekday } from "../../src/portal/sandbox/calendar.js";
import { tempDir } from "../helpers/tmp.js";

const cal = createWorkingCalendar();
const at = (local: string): Date => new Date(`${local}+07:00`);

describe("holiday data file", () => {
  it("validates and covers 2025–2026 officially, 2027 provisionally, with sources", () => {
    const file = loadHolidays();
    expect(file.years.map((y) => [y.year, y.status])).toEqual([
      [2025, "official"],
      [2026, "official"],
      [2027, "provisional"],
    ]);
    for (const y of file.years) expect(y.sources.length).toBeGreaterThan(0);
    expect(cal.coverage("2026-05-01")).toBe("official");
    expect(cal.coverage("2027-02-08")).toBe("provisional");
    expect(cal.coverage("2028-01-03")).toBeNull();
  });

  it("puts swapped working days on weekends and the announced dates on the right weekdays", () => {
    const days: Array<[string, number]> = [
      ["2025-01-25", 6],
      ["2025-04-07", 1],
      ["2025-04-26", 6],
      ["2025-09-01", 1],
      ["2026-01-10", 6],
      ["2026-02-14", 6],
      ["2026-02-22", 0],
      ["2026-04-26", 0],
      ["2026-08-22", 6],
      ["2026-08-31", 1],
      ["2026-09-02", 3],
      ["2027-02-06", 6],
      ["2027-04-16", 5],
      ["2027-05-01", 6],
      ["2027-09-02", 4],
    ];
    for (const [day, wd] of days) expect([day, weekday(day)]).toEqual([day, wd]);
    for (const y of loadHolidays().years)
      for (const m of y.makeup_workdays) expect([0, 6]).toContain(weekday(m.date));
  });

  it("rejects a malformed file with the entry named", () => {
    const bad = holidayFileSchema.safeParse({
      years: [
        { year: 2025, status: "official", sources: ["x"], days_off: [{ from: "2025-02-30", name: "x" }] },
      ],
    });
    expect(bad.success).toBe(false);
    const dir = tempDir();
    const path = join(dir, "h.yaml");
    writeFileSync(path, "years:\n  - year: 2025\n    status: maybe\n    sources: [a]\n    days_off: []\n");
    expect(() => loadHolidays(path)).toThrow(/years\.0\.status/);
  });
});

describe("working days", () => {
  it.each([
    ["2026-02-13", true],
    ["2026-02-16", false],
    ["2026-02-20", false],
    ["2026-02-23", true],
    ["2025-01-27", false],
    ["2025-01-31", false],
    ["2025-02-03", true],
    ["2025-04-26", true],
    ["2025-05-02", false],
    ["2026-01-02", false],
    ["2026-01-10", true],
    ["2026-04-27", false],
    ["2026-04-30", false],
    ["2026-05-01", false],
    ["2026-05-04", true],
    ["2026-08-22", true],
    ["2026-08-31", false],
    ["2026-09-01", false],
    ["2026-09-03", true],
    ["2027-02-04", true],
    ["2027-02-05", false],
    ["2027-02-11", false],
    ["2027-02-12", true],
    ["2027-05-03", false],
    ["2027-09-03", false],
    ["2028-03-04", false],
    ["2028-03-06", true],
  ])("%s is a working day: %s", (day, expected) => {
    expect(cal.isWorkingDay(day)).toBe(expected);
  });

  it("counts working days after a day, skipping the whole Tết break", () => {
    expect(cal.addWorkingDays("2026-02-13", 1)).toBe("2026-02-23");
    expect(cal.addWorkingDays("2026-02-13", 0)).toBe("2026-02-13");
    expect(cal.nextWorkingDay("2027-02-04")).toBe("2027-02-12");
  });
});

describe("appointment date (ngày hẹn trả)", () => {
  it.each([
    ["Tết 2026, Friday morning", "2026-02-13T10:00:00", 3, "2026-02-25"],
    ["Tết 2026, Friday after 15:00", "2026-02-13T15:30:00", 3, "2026-02-26"],
    ["Tết 2026, at exactly 15:00", "2026-02-13T15:00:00", 1, "2026-02-24"],
    ["during Tết 2026", "2026-02-18T09:00:00", 1, "2026-02-24"],
    ["Tết 2027 (provisional)", "2027-02-04T09:00:00", 2, "2027-02-15"],
    ["Tết 2025", "2025-01-24T09:00:00", 1, "2025-02-03"],
    ["30/4–1/5 2026", "2026-04-29T09:00:00", 2, "2026-05-05"],
    ["30/4–1/5 2025 (2/5 swapped)", "2025-04-29T10:00:00", 1, "2025-05-05"],
    ["makeup Saturday 26/4/2025 counts", "2025-04-25T10:00:00", 1, "2025-04-26"],
    ["Hùng Kings 2026 on a Sunday, Monday off", "2026-04-24T10:00:00", 1, "2026-04-28"],
    ["2/9 2026 (31/8 swapped)", "2026-08-28T10:00:00", 1, "2026-09-03"],
    ["2/9 2025", "2025-08-29T10:00:00", 2, "2025-09-04"],
    ["submitted on a makeup Saturday", "2026-08-22T10:00:00", 1, "2026-08-24"],
    ["submitted on a Saturday", "2026-03-07T09:00:00", 1, "2026-03-10"],
    ["just after midnight in Vietnam", "2026-03-02T00:30:00", 1, "2026-03-03"],
    ["half day, morning", "2026-03-02T09:00:00", 0.5, "2026-03-02"],
    ["half day, afternoon", "2026-03-02T13:00:00", 0.5, "2026-03-03"],
    ["half day, after 15:00", "2026-03-02T16:00:00", 0.5, "2026-03-03"],
    ["one and a half days, morning", "2026-03-02T09:00:00", 1.5, "2026-03-03"],
    ["one and a half days, afternoon", "2026-03-02T13:00:00", 1.5, "2026-03-04"],
    ["zero days after 15:00 before Tết", "2026-02-13T16:00:00", 0, "2026-02-23"],
  ])("%s", (_name, local, days, expected) => {
    expect(appointmentDate(cal, at(local), days)).toBe(expected);
  });

  it("is null when the procedure has no fixed time limit", () => {
    expect(appointmentDate(cal, at("2026-03-02T09:00:00"), null)).toBeNull();
  });

  it("reads times in Asia/Ho_Chi_Minh whatever the host's zone", () => {
    expect(vnLocal(new Date("2026-03-01T17:30:00Z"))).toEqual({ date: "2026-03-02", minutes: 30 });
    expect(vnIso(new Date("2026-03-01T17:30:00.123Z"))).toBe("2026-03-02T00:30:00+07:00");
  });
});
