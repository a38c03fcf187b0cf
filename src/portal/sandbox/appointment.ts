// Ngày hẹn trả kết quả: the submission time in Vietnam, the 15:00 cut-off and the procedure's
// working days (whole or half) turned into a date on the working-day calendar.
import type { WorkingCalendar } from "./calendar.js";

const VN_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh, UTC+7 all year (no daylight saving)

/** Dossiers received at or after 15:00 local time count from the next working day. */
export const CUTOFF_MINUTES = 15 * 60;
/** A half day fits into the receipt day only when the dossier arrives before noon. */
export const NOON_MINUTES = 12 * 60;

/** Local date (YYYY-MM-DD) and minutes since midnight in Vietnam. */
export function vnLocal(at: Date): { date: string; minutes: number } {
  const local = new Date(at.getTime() + VN_OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** ISO 8601 with the +07:00 offset and whole seconds, e.g. 2026-02-13T16:05:00+07:00. */
export function vnIso(at: Date): string {
  return `${new Date(at.getTime() + VN_OFFSET_MS).toISOString().slice(0, 19)}+07:00`;
}

/** The day the dossier counts as received, and whether that is in the morning. */
export function receiptDay(cal: WorkingCalendar, submittedAt: Date): { day: string; morning: boolean } {
  const { date, minutes } = vnLocal(submittedAt);
  if (cal.isWorkingDay(date) && minutes < CUTOFF_MINUTES)
    return { day: date, morning: minutes < NOON_MINUTES };
  return { day: cal.nextWorkingDay(date), morning: true };
}

/**
 * Rule: received on a working day before 15:00 → counts from that day, otherwise from the next
 * working day (morning). The receipt day itself is not counted: N days → the N-th working day after
 * it. A fractional part (0.5) fits into the receipt day's afternoon when received before noon,
 * otherwise it takes one more working day. Null working days → null (no fixed time limit).
 */
export function appointmentDate(
  cal: WorkingCalendar,
  submittedAt: Date,
  workingDays: number | null,
): string | null {
  if (workingDays === null) return null;
  const { day, morning } = receiptDay(cal, submittedAt);
  const whole = Math.floor(workingDays);
  const fraction = workingDays - whole > 1e-9;
  return cal.addWorkingDays(day, fraction && !morning ? whole + 1 : whole);
}
