// Recognises dossier / receipt codes (mã hồ sơ) such as "H29.31-240315-0001" or
// "000.00.06.H56-231027-0361": <agency code>-<yymmdd>-<4–5 digit sequence>, with a real date.

const CODE = /\b([0-9A-Z]+(?:\.[0-9A-Z]+)*)-(\d{2})(\d{2})(\d{2})-(\d{4,5})\b/g;
const AGENCY_GROUP = /(?:^|\.)[A-Z]\d{2}(?:\.|$)/;

function realDate(yy: string, mm: string, dd: string): boolean {
  const d = new Date(Date.UTC(2000 + Number(yy), Number(mm) - 1, Number(dd)));
  return d.getUTCMonth() === Number(mm) - 1 && d.getUTCDate() === Number(dd);
}

/** Every dossier code in the text, upper-cased, in order of appearance. */
export function findDossierCodes(text: string): string[] {
  const upper = text.toUpperCase().replace(/\s*-\s*/g, "-");
  const out: string[] = [];
  for (const m of upper.matchAll(CODE)) {
    const [whole, agency = "", yy = "", mm = "", dd = ""] = m;
    if (AGENCY_GROUP.test(agency) && realDate(yy, mm, dd)) out.push(whole);
  }
  return out;
}
