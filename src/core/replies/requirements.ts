// Renders a procedure's requirements as plain Vietnamese text: papers (with alternatives and
// conditions), papers no longer needed, fee, time limit, where to submit, online, source and date.
import type { DocumentType, DossierItem, Procedure } from "../knowledge/index.js";
import { COPY_LABEL, ONLINE_LABEL, formatDate } from "./labels.js";

type Catalogue = ReadonlyMap<string, DocumentType>;

function docName(id: string, docs: Catalogue): string {
  const name = docs.get(id)?.name ?? id;
  return name.charAt(0).toLocaleUpperCase("vi") + name.slice(1);
}

function itemLine(item: DossierItem, docs: Catalogue): string {
  const qty = item.quantity ? `, ${item.quantity} bản` : "";
  const parts = [`${docName(item.doc, docs)} — ${COPY_LABEL[item.copy]}${qty}.`];
  if (item.condition) parts.push(item.condition);
  if (item.state_data)
    parts.push("Không cần mang nếu thông tin đã có trên VNeID / Cơ sở dữ liệu quốc gia về dân cư.");
  return parts.join(" ");
}

/** Dossier items as numbered lines; items of one alternative group become one line with options. */
export function dossierLines(p: Procedure, docs: Catalogue): string[] {
  const lines: string[] = [];
  const seenGroups = new Set<string>();
  for (const item of p.documents) {
    if (!item.group) {
      lines.push(itemLine(item, docs));
      continue;
    }
    if (seenGroups.has(item.group)) continue;
    seenGroups.add(item.group);
    const members = p.documents.filter((d) => d.group === item.group);
    lines.push(`Một trong các giấy tờ sau:\n${members.map((m) => `   • ${itemLine(m, docs)}`).join("\n")}`);
  }
  return lines.map((l, i) => `${i + 1}. ${l}`);
}

/** Source line: first official source and the date the facts were checked. */
export function sourceLine(p: Procedure): string {
  const s = p.sources[0];
  const where = s ? `${s.title}${s.url ? ` — ${s.url}` : ""}` : "";
  return `Nguồn: ${where}. Thông tin được kiểm tra ngày ${formatDate(p.checked)}.`;
}

/** The full requirements answer for one procedure. */
export function renderRequirements(p: Procedure, docs: Catalogue): string {
  const out = [`${p.name}`, p.description, "", "Giấy tờ cần chuẩn bị:", ...dossierLines(p, docs)];
  if (p.no_longer_required.length > 0) {
    out.push("", "Không cần mang nữa:");
    for (const n of p.no_longer_required) out.push(`• ${docName(n.doc, docs)}: ${n.note}`);
  }
  out.push("", `Lệ phí: ${p.fee.summary ?? "chưa có thông tin chính thức, hãy hỏi bộ phận một cửa."}`);
  out.push(`Thời hạn giải quyết: ${p.processing_time.summary ?? "chưa có thông tin chính thức."}`);
  out.push(`Nơi nộp: ${p.submit.where}`);
  out.push(
    `Trực tuyến: ${ONLINE_LABEL[p.submit.online]}${p.submit.portal_url ? ` — ${p.submit.portal_url}` : ""}`,
  );
  out.push("", sourceLine(p));
  return out.join("\n");
}
