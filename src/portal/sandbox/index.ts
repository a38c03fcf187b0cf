// Public face of the sandbox portal: the service factory, its calendar and due-date rule, and the
// fake-people fixtures. The runnable entry is main.ts (`npm run portal`).
export {
  createSandboxPortal,
  type SandboxPortal,
  type SandboxPortalOptions,
  type SandboxLogger,
} from "./server.js";
export {
  createWorkingCalendar,
  loadHolidays,
  holidayFileSchema,
  HOLIDAYS_PATH,
  type HolidayFile,
  type WorkingCalendar,
} from "./calendar.js";
export { appointmentDate, receiptDay, vnIso, vnLocal, CUTOFF_MINUTES } from "./appointment.js";
export { TRANSITIONS, canMove, isTerminal } from "./transitions.js";
export { fakePerson, fakeFormData, fakeValue, type FakePerson } from "./fake-people.js";
