// Working-day calendar of Vietnamese public offices: Monday–Friday minus the holidays in
// holidays.yaml (zod-validated, editable), plus the Saturdays worked in exchange for swapped days.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "yaml";
import { z } from "zod";

const isoDay = z.iso.date();

const yearSchema = z
  .strictObject({
    year: z.int().min(2000).max(2100),
    status: z.enum(["official", "provisional"]),
    sources: z.array(z.string().min(1)).min(1),
    days_off: z.array(
      z
        .strictObject({ from: isoDay, to: isoDay.optional(), name: z.string().min(1) })
        .refine((d) => d.to === undefined || d.to >= d.from, { error: "to-before-from" }),
    ),
    makeup_workdays: z.array(z.strictObject({ date: isoDay, name: z.string().min(1) })).default([]),
  })
  .refine((y) => y.days_off.every((d) => d.from.startsWith(`${y.year}-`)), { error: "day-outside-year" });

/** The holiday data file: one entry per year, each with its official source or marked provisional. */
export const holidayFileSchema = z.strictObject({ years: z.array(yearSchema).min(1) });
export type HolidayFile = z.infer<typeof holidayFileSchema>;

/** The bundled file, next to this module. */
export const HOLIDAYS_PATH = join(import.meta.dirname, "holidays.yaml");

/** Reads and validates a holiday file; throws naming the file and the first bad entry. */
export function loadHolidays(path: string = HOLIDAYS_PATH): HolidayFile {
  const parsed = holidayFileSchema.safeParse(parse(readFileSync(path, "utf8")));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: ${issue?.path.join(".") ?? ""} — ${issue?.message ?? "invalid"}`);
  }
  return parsed.data;
}

/** Adds `n` calendar days to a YYYY-MM-DD date. */
export function addDays(day: string, n: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + n * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

export interface WorkingCalendar {
  isWorkingDay(day: string): boolean;
  /** The first working day strictly after `day`. */
  nextWorkingDay(day: string): string;
  /** The working day `n` working days after `day` (`day` itself is not counted; n = 0 → `day`). */
  addWorkingDays(day: string, n: number): string;
  /** "official", "provisional", or null when the year has no holiday data (weekends only). */
  coverage(day: string): "official" | "provisional" | null;
}

/** Builds the calendar from holiday data. */
export function createWorkingCalendar(file: HolidayFile = loadHolidays()): WorkingCalendar {
  const off = new Set<string>();
  const makeup = new Set<string>();
  const status = new Map<number, "official" | "provisional">();
  for (const y of file.years) {
    status.set(y.year, y.status);
    for (const d of y.days_off) {
      for (let day = d.from; day <= (d.to ?? d.from); day = addDays(day, 1)) off.add(day);
    }
    for (const m of y.makeup_workdays) makeup.add(m.date);
  }
  const isWorkingDay = (day: string): boolean => {
    if (makeup.has(day)) return true;
    const wd = weekday(day);
    return wd !== 0 && wd !== 6 && !off.has(day);
  };
  const nextWorkingDay = (day: string): string => {
    let d = addDays(day, 1);
    while (!isWorkingDay(d)) d = addDays(d, 1);
    return d;
  };
  return {
    isWorkingDay,
    nextWorkingDay,
    addWorkingDays(day, n) {
      let d = day;
      for (let i = 0; i < n; i++) d = nextWorkingDay(d);
      return d;
    },
    coverage: (day) => status.get(Number(day.slice(0, 4))) ?? null,
  };
}
