// Personal-data redaction applied to every text before it is sent to a language model: id numbers,
// phone numbers, e-mails, introduced names and form values become placeholders like "[SĐT]".
import { Placeholders } from "./placeholders.js";
import { maskEmails, maskIdentityNumbers, protectDossierCodes } from "./redact-numbers.js";
import { maskKnownValues } from "./redact-known.js";
import { maskIntroducedNames } from "./redact-names.js";

export { REDACTION_LABELS } from "./placeholders.js";

/**
 * Returns `text` (NFC) with citizen id numbers → "[SỐ CCCD]", old 9-digit id numbers → "[SỐ CMND]",
 * phone numbers → "[SĐT]", e-mails → "[EMAIL]", names (introduced, after a kinship word like "chị Bích",
 * or a full name starting with a family name) → "[TÊN]" and every value of
 * `known` (what the user typed into forms; case and accents ignored) → "[THÔNG TIN]".
 * Dossier codes, dates and amounts are kept. Never throws.
 */
export function redactPersonalData(text: string, known: readonly string[] = []): string {
  const slots = new Placeholders();
  let out = text.normalize("NFC");
  out = maskEmails(out, slots);
  out = protectDossierCodes(out, slots);
  out = maskIdentityNumbers(out, slots);
  out = maskKnownValues(out, known, slots);
  out = maskIntroducedNames(out, slots);
  return slots.restore(out);
}
