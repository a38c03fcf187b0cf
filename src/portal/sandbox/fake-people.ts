// Obviously fake people and form data for fixtures, demos and tests: names prefixed "Thử", ID
// numbers starting 0990, phones 09000000xx. Never use real citizen data in this repository.
import type { FormField } from "../../core/knowledge/index.js";

export interface FakePerson {
  readonly fullName: string;
  readonly idNumber: string;
  readonly phone: string;
}

const GIVEN = ["An", "Bình", "Chi", "Dũng", "Giang", "Hà", "Khánh", "Lan", "Minh", "Nga", "Phúc", "Quân"];
const MIDDLE = ["Văn", "Thị", "Hữu", "Ngọc"];

/** The n-th fake person (0–99 give distinct phones; ID numbers stay distinct up to 10^8). */
export function fakePerson(n: number): FakePerson {
  const i = Math.abs(Math.trunc(n));
  return {
    fullName: `Thử ${MIDDLE[i % MIDDLE.length]} ${GIVEN[i % GIVEN.length]}`,
    idNumber: `0990${String(i % 1e8).padStart(8, "0")}`,
    phone: `09000000${String(i % 100).padStart(2, "0")}`,
  };
}

function pad(n: number): string {
  return String(n).padStart(2, "0");
}

/** A value the form validator accepts for this field (required fields only need one). */
export function fakeValue(field: FormField, person: FakePerson, today: Date): string {
  const digits = /^\^\[0-9\]\{(\d+)(?:,\d+)?\}\$$/.exec(field.rule?.pattern ?? "");
  if (digits) return "9".repeat(Number(digits[1]));
  switch (field.type) {
    case "person_name":
      return person.fullName;
    case "cccd":
      return person.idNumber;
    case "phone":
      return person.phone;
    case "email":
      return "thu.nghiem@example.invalid";
    case "choice":
      return field.options?.[0] ?? "";
    case "date": {
      const y = today.getUTCFullYear() + (field.rule?.future ? 1 : -20);
      return `${pad(15)}/${pad(6)}/${y}`;
    }
    case "year":
      return String(Math.max(field.rule?.min ?? 1900, Math.min(field.rule?.max ?? 9999, 1990)));
    case "number":
      return String(field.rule?.min ?? 1);
    case "address":
      return "Số 1 đường Thử Nghiệm, phường Thử, tỉnh Thử";
    case "text":
      return "Thử nghiệm".slice(0, field.rule?.max_length ?? 300);
  }
}

/** Form data filling every required field of `fields` with fake but valid values. */
export function fakeFormData(
  fields: readonly FormField[],
  person: FakePerson,
  today: Date = new Date(),
): Record<string, string> {
  return Object.fromEntries(
    fields.filter((f) => f.required).map((f) => [f.name, fakeValue(f, person, today)]),
  );
}
