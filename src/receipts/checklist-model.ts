// The printable checklist of one procedure (danh sách giấy tờ): the rows the PDF and PNG print —
// papers with tick boxes, fee, time, where, online link (also as a QR code), official source and date.
import { noLongerRequired, paperItems, type PaperEntry } from "../core/dialogue/index.js";
import type { Procedure } from "../core/knowledge/index.js";
import { COPY_LABEL, ONLINE_LABEL, formatDate } from "../core/replies/index.js";

export const CHECKLIST_LABELS = {
  title: "DANH SÁCH GIẤY TỜ CẦN CHUẨN BỊ",
  code: "Mã thủ tục",
  papers: "Giấy tờ (đánh dấu ô khi đã có)",
  oneOf: "Một trong các giấy sau:",
  stateData: "(*) Không cần mang nếu thông tin đã có trên VNeID / Cơ sở dữ liệu quốc gia về dân cư.",
  noLonger: "Không cần nộp nữa",
  fee: "Lệ phí",
  time: "Thời hạn giải quyết",
  where: "Nơi nộp",
  agency: "Cơ quan giải quyết",
  online: "Nộp trực tuyến",
  scanHint: "Quét mã để nộp trực tuyến",
  source: "Nguồn",
  checked: "Thông tin kiểm tra ngày",
  unknown: "chưa có thông tin chính thức",
  issuedBy: "motcua — trợ lý thủ tục hành chính. Bản tham khảo; quy định có thể thay đổi theo địa phương.",
} as const;

/** One printed paper row: a tick box (unless it heads a group), its text, an optional note below. */
export interface ChecklistRow {
  readonly text: string;
  readonly box: boolean;
  /** 1 for the alternatives under "Một trong các giấy sau:". */
  readonly indent: 0 | 1;
  readonly note: string | null;
}

/** Everything printed on a checklist, in print order. */
export interface ChecklistModel {
  readonly procedure: string;
  readonly code: string | null;
  readonly rows: readonly ChecklistRow[];
  /** Notes under the papers: the VNeID footnote, papers no longer required. */
  readonly footnotes: readonly string[];
  /** Label/value facts: fee, time, where, agency, online. */
  readonly facts: ReadonlyArray<readonly [label: string, value: string]>;
  /** Link the QR code encodes (the online portal), null when the procedure has none. */
  readonly onlineUrl: string | null;
  readonly source: string;
  /** dd/mm/yyyy. */
  readonly checked: string;
}

function paperRow(paper: PaperEntry, indent: 0 | 1): ChecklistRow {
  const qty = paper.quantity ? `, ${paper.quantity} bản` : "";
  const mark = paper.stateData ? " (*)" : "";
  return {
    text: `${paper.name} — ${COPY_LABEL[paper.copy]}${qty}${mark}`,
    box: true,
    indent,
    note: paper.condition,
  };
}

function rows(p: Procedure, names: ReadonlyMap<string, string>): ChecklistRow[] {
  return paperItems(p, names).flatMap((item) =>
    item.kind === "single"
      ? [paperRow(item.paper, 0)]
      : [
          { text: CHECKLIST_LABELS.oneOf, box: false, indent: 0 as const, note: null },
          ...item.papers.map((paper) => paperRow(paper, 1)),
        ],
  );
}

/** The checklist of a procedure; `names` maps document ids to their catalogue names. */
export function checklistFromProcedure(p: Procedure, names: ReadonlyMap<string, string>): ChecklistModel {
  const L = CHECKLIST_LABELS;
  const gone = noLongerRequired(p, names);
  // A portal link is shown (and printed as a QR code) only when the procedure can be done online.
  const url = p.submit.online === "none" ? null : p.submit.portal_url;
  const online = `${ONLINE_LABEL[p.submit.online]}${url ? `: ${url}` : ""}`;
  const source = p.sources[0];
  return {
    procedure: p.name,
    code: p.code,
    rows: rows(p, names),
    footnotes: [
      ...(p.documents.some((d) => d.state_data) ? [L.stateData] : []),
      ...(gone.length > 0 ? [`${L.noLonger}: ${gone.join(", ")}.`] : []),
    ],
    facts: [
      [L.fee, p.fee.summary ?? L.unknown],
      [L.time, p.processing_time.summary ?? L.unknown],
      [L.where, p.submit.where],
      [L.agency, p.agency.name],
      [L.online, online],
    ],
    onlineUrl: url,
    source: source ? `${source.title}${source.url ? ` — ${source.url}` : ""}` : "",
    checked: formatDate(p.checked),
  };
}
