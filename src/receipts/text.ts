// The plain-text receipt for basic chat apps: the same facts as the PDF/PNG in at most 1,000 characters,
// shortening the papers list ("… và N giấy tờ khác") and over-long fields before anything else.
import { LABELS, detailRows } from "./format.js";
import { type ReceiptModel, normaliseReceipt } from "./model.js";

export const MAX_TEXT_LENGTH = 1000;

const clip = (s: string, max: number): string => (s.length <= max ? s : `${s.slice(0, max - 1)}…`);

function compose(model: ReceiptModel, papers: string[], hidden: number): string {
  const rows = detailRows(model).map(([label, value]) => `${label}: ${value}`);
  const paperLines =
    papers.length === 0 && hidden === 0
      ? [`${LABELS.papers}: ${LABELS.noPapers}`]
      : [
          `${LABELS.papers}:`,
          ...papers.map((p) => `- ${p}`),
          ...(hidden > 0 ? [`- … và ${hidden} giấy tờ khác`] : []),
        ];
  return [
    LABELS.title,
    `${LABELS.dossierCode}: ${model.dossierCode}`,
    ...rows,
    ...paperLines,
    `${LABELS.finish}: ${model.finishUrl}`,
    "",
    model.issuedBy,
  ].join("\n");
}

/** Renders the receipt as plain text of at most MAX_TEXT_LENGTH characters. */
export function renderReceiptText(input: ReceiptModel): string {
  const base = normaliseReceipt(input);
  const model = { ...base, procedureName: clip(base.procedureName, 200), issuedBy: clip(base.issuedBy, 120) };
  const papers = model.papersToBring.map((p) => clip(p, 150));
  for (let shown = papers.length; shown >= 0; shown--) {
    const text = compose(model, papers.slice(0, shown), papers.length - shown);
    if (text.length <= MAX_TEXT_LENGTH) return text;
  }
  // Only a pathological link can get here; never exceed the limit.
  return clip(compose(model, [], papers.length), MAX_TEXT_LENGTH);
}
