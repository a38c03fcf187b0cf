// The printable checklist as a PNG (pure JS with pureimage, the receipt's embedded fonts): laid out
// first as drawing operations, so the image is exactly as tall as its content (at least A5 at 150 dpi).
import * as PImage from "pureimage";
import { CHECKLIST_LABELS as L, type ChecklistModel } from "./checklist-model.js";
import { BOLD, REGULAR, encodePng, registerFonts, setFont, textWidth, wrap } from "./png.js";
import { forEachDarkModule, pixelGrid, qrMatrix } from "./qr.js";

/** Width of the image (A5 at 150 dpi); the height grows with the papers, from CHECKLIST_PNG_MIN_HEIGHT. */
export const CHECKLIST_PNG_WIDTH = 874;
export const CHECKLIST_PNG_MIN_HEIGHT = 1240;

const PAD = 40;
const INNER = CHECKLIST_PNG_WIDTH - 2 * PAD;
const INK = "#111111";
const MUTED = "#555555";
const RULE = "#9a9a9a";
const QR_TARGET = 180;

type Op =
  | { kind: "text"; family: string; size: number; colour: string; x: number; y: number; text: string }
  | { kind: "fill"; colour: string; x: number; y: number; w: number; h: number }
  | { kind: "box"; x: number; y: number; side: number };

/** How a block of text is set: font, colour, line step and alignment. */
interface Style {
  readonly family: string;
  readonly size: number;
  readonly colour: string;
  readonly step: number;
  readonly centred?: boolean;
}

const S = {
  title: { family: BOLD, size: 26, colour: INK, step: 40, centred: true },
  name: { family: BOLD, size: 22, colour: INK, step: 30, centred: true },
  code: { family: REGULAR, size: 15, colour: MUTED, step: 22, centred: true },
  heading: { family: BOLD, size: 18, colour: INK, step: 30 },
  paper: { family: REGULAR, size: 17, colour: INK, step: 23 },
  group: { family: BOLD, size: 17, colour: INK, step: 23 },
  note: { family: REGULAR, size: 14, colour: MUTED, step: 19 },
  label: { family: BOLD, size: 16, colour: INK, step: 22 },
  value: { family: REGULAR, size: 16, colour: INK, step: 22 },
  small: { family: REGULAR, size: 14, colour: INK, step: 19 },
  issued: { family: REGULAR, size: 13, colour: MUTED, step: 18, centred: true },
} satisfies Record<string, Style>;

/** Lays the checklist out top to bottom, measuring with `ctx`; returns the operations and the height. */
function layout(ctx: PImage.Context, model: ChecklistModel): { ops: Op[]; height: number } {
  const ops: Op[] = [];
  let y = PAD;
  const lines = (text: string, style: Style, x = PAD): void => {
    const width = INNER - (x - PAD);
    setFont(ctx, style.family, style.size, style.colour);
    for (const line of wrap(ctx, text, width)) {
      const lx = style.centred ? x + (width - textWidth(ctx, line)) / 2 : x;
      ops.push({
        kind: "text",
        family: style.family,
        size: style.size,
        colour: style.colour,
        x: lx,
        y,
        text: line,
      });
      y += style.step;
    }
  };
  const rule = (): void => {
    ops.push({ kind: "fill", colour: RULE, x: PAD, y: y + 6, w: INNER, h: 1 });
    y += 20;
  };
  lines(L.title, S.title);
  lines(model.procedure, S.name);
  if (model.code) lines(`${L.code}: ${model.code}`, S.code);
  rule();
  lines(L.papers, S.heading);
  for (const row of model.rows) {
    const x = PAD + row.indent * 28;
    const textX = row.box ? x + 28 : x;
    if (row.box) ops.push({ kind: "box", x, y: y + 3, side: 16 });
    lines(row.text, row.box ? S.paper : S.group, textX);
    if (row.note) lines(row.note, S.note, textX);
    y += 6;
  }
  for (const note of model.footnotes) lines(note, S.note);
  rule();
  for (const [label, value] of model.facts) {
    lines(label, S.label);
    lines(value, S.value);
    y += 8;
  }
  if (model.onlineUrl) y = qrOps(ops, model.onlineUrl, y, ctx);
  rule();
  lines(`${L.source}: ${model.source}`, S.small);
  lines(`${L.checked} ${model.checked}.`, S.small);
  y += 10;
  lines(L.issuedBy, S.issued);
  return { ops, height: Math.max(CHECKLIST_PNG_MIN_HEIGHT, Math.ceil(y + PAD)) };
}

/** The online link's QR code on whole pixels, with its caption; returns the y below them. */
function qrOps(ops: Op[], url: string, top: number, ctx: PImage.Context): number {
  const matrix = qrMatrix(url);
  const { moduleSize, side } = pixelGrid(matrix, QR_TARGET);
  forEachDarkModule(matrix, PAD, top, moduleSize, (x, y, s) =>
    ops.push({ kind: "fill", colour: "#000000", x, y, w: s, h: s }),
  );
  setFont(ctx, REGULAR, 13, MUTED);
  const caption = L.scanHint;
  const x = PAD + Math.max(0, (side - textWidth(ctx, caption)) / 2);
  ops.push({ kind: "text", family: REGULAR, size: 13, colour: MUTED, x, y: top + side + 2, text: caption });
  return top + side + 28;
}

function draw(ctx: PImage.Context, op: Op): void {
  switch (op.kind) {
    case "text":
      setFont(ctx, op.family, op.size, op.colour);
      ctx.fillText(op.text, op.x, op.y);
      return;
    case "fill":
      ctx.fillStyle = op.colour;
      ctx.fillRect(op.x, op.y, op.w, op.h);
      return;
    case "box":
      ctx.strokeStyle = INK;
      ctx.lineWidth = 2;
      ctx.strokeRect(op.x, op.y, op.side, op.side);
  }
}

/** Renders the checklist as a PNG CHECKLIST_PNG_WIDTH wide, as tall as its content. */
export function renderChecklistPng(model: ChecklistModel): Promise<Buffer> {
  return Promise.resolve(model).then((m) => {
    registerFonts();
    const { ops, height } = layout(PImage.make(1, 1).getContext("2d"), m);
    const bitmap = PImage.make(CHECKLIST_PNG_WIDTH, height);
    const ctx = bitmap.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, CHECKLIST_PNG_WIDTH, height);
    ctx.textBaseline = "top";
    for (const op of ops) draw(ctx, op);
    return encodePng(bitmap);
  });
}
