// Staff forwarding mode (/chiase): parses the command and builds one compact, copy-ready answer
// about a procedure (numbered papers, fee, time, where, online link, official source and date).
import type { Procedure } from "../../knowledge/index.js";
import type { ReplyOption } from "../../messages.js";
import { foldDiacritics } from "../../nlu/normalize.js";
import { formatDate } from "../../replies/labels.js";
import { noLongerRequired, paperItems, type PaperEntry } from "../paper-items.js";

/** Fills a reply template (Vietnamese: forwarded answers are meant for citizens). */
export type Fill = (key: string, params?: Readonly<Record<string, string | number>>) => string;

/** What a staff message starting with /chiase asks for. */
export type ForwardCommand =
  | { readonly kind: "usage" }
  | { readonly kind: "pick"; readonly n: number }
  | { readonly kind: "query"; readonly text: string };

/** Option ids of forwarding candidates: "fwd:<slug>". */
export const FORWARD_OPTION = "fwd:";

/** Most candidates offered for an ambiguous query. */
export const MAX_FORWARD_CANDIDATES = 3;

/**
 * Parses "/chiase <thủ tục>", "/chiase 2" (a candidate), "/chiase" alone (usage); also "/chia_se",
 * "/chiasẻ" and Telegram's "/chiase@bot". Null for anything else.
 */
export function parseForwardCommand(text: string): ForwardCommand | null {
  const m = /^\/(\S+)(?:\s+([\s\S]*))?$/.exec(text.normalize("NFC").trim());
  if (!m) return null;
  const command = foldDiacritics(m[1] ?? "")
    .toLowerCase()
    .replace(/@.*$/, "")
    .replace(/[_-]/g, "");
  if (command !== "chiase") return null;
  const arg = (m[2] ?? "").trim();
  if (arg === "") return { kind: "usage" };
  if (/^\d{1,2}$/.test(arg)) return { kind: "pick", n: Number(arg) };
  return { kind: "query", text: arg };
}

function paperLine(t: Fill, paper: PaperEntry, head: string): string {
  const copy = t(`copy.${paper.copy}`);
  const details = paper.quantity ? t("forward.qty", { copy, qty: paper.quantity }) : copy;
  const when = paper.condition ? t("forward.when", { text: paper.condition }) : "";
  const mark = paper.stateData ? t("forward.vneid-mark") : "";
  return `${head}${t("forward.paper", { name: paper.name, details, when })}${mark}`;
}

/** Numbered paper lines, the VNeID footnote when a paper needs it, and papers no longer required. */
function papersBlock(
  t: Fill,
  p: Procedure,
  names: ReadonlyMap<string, string>,
  maxCondition: number,
): string[] {
  const lines = [t("forward.papers")];
  paperItems(p, names, maxCondition).forEach((item, i) => {
    const n = `${i + 1}. `;
    if (item.kind === "single") return void lines.push(paperLine(t, item.paper, n));
    lines.push(`${n}${t("forward.one-of")}`);
    for (const paper of item.papers) lines.push(paperLine(t, paper, "   – "));
  });
  if (p.documents.some((d) => d.state_data)) lines.push(t("forward.vneid-note"));
  const gone = noLongerRequired(p, names);
  if (gone.length > 0) lines.push(t("forward.no-longer", { names: gone.join(", ") }));
  return lines;
}

function onlineLine(t: Fill, p: Procedure): string[] {
  const { online, portal_url: url } = p.submit;
  if (online === "none") return [t("forward.online.none")];
  return url ? [t(`forward.online.${online}`, { url })] : [];
}

function sourceLine(t: Fill, p: Procedure): string {
  const s = p.sources[0];
  const date = formatDate(p.checked);
  const title = s?.title ?? "";
  return s?.url
    ? t("forward.source", { title, url: s.url, date })
    : t("forward.source.no-url", { title, date });
}

/**
 * A forwarded answer should fit one message everywhere (Zalo's limit is 2,000 characters, Telegram's
 * 4,096): longer answers get shorter paper conditions, down to the last length tried.
 */
const FORWARD_TARGET_CHARS = 2000;
const CONDITION_LENGTHS = [110, 70, 45] as const;

/** The compact answer: one text to copy whole (not split into bubbles). */
export function forwardText(t: Fill, p: Procedure, names: ReadonlyMap<string, string>): string {
  let text = "";
  for (const max of CONDITION_LENGTHS) {
    text = compose(t, p, names, max);
    if (text.length <= FORWARD_TARGET_CHARS) break;
  }
  return text;
}

function compose(t: Fill, p: Procedure, names: ReadonlyMap<string, string>, maxCondition: number): string {
  return [
    t("forward.title", { name: p.name }),
    ...papersBlock(t, p, names, maxCondition),
    p.fee.summary ? t("forward.fee", { text: p.fee.summary }) : t("forward.fee.unknown"),
    p.processing_time.summary
      ? t("forward.time", { text: p.processing_time.summary })
      : t("forward.time.unknown"),
    t("forward.where", { text: p.submit.where }),
    ...onlineLine(t, p),
    sourceLine(t, p),
  ].join("\n");
}

/** Several procedures matched: a compact numbered list picked by "/chiase N" or the option. */
export function forwardChoice(
  t: Fill,
  candidates: readonly Procedure[],
): { text: string; options: ReplyOption[] } {
  const lines = candidates.map((p, i) => t("forward.choose.item", { n: i + 1, name: p.name }));
  return {
    text: [t("forward.choose"), ...lines].join("\n"),
    options: candidates.map((p) => ({ id: `${FORWARD_OPTION}${p.slug}`, label: p.name })),
  };
}
