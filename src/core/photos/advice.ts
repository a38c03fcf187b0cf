// What the citizen is told about a photo: one line of concrete advice per problem found, a clear
// "Ảnh rõ, đọc được", or a polite refusal that names the accepted formats and the size limit.
import { say, type Line } from "../dialogue/types.js";
import { MAX_ATTACHMENT_BYTES } from "../messages.js";
import type { PhotoFormat, PhotoProblem, PhotoVerdict } from "../ports.js";

const FORMAT_NAMES: Readonly<Record<PhotoFormat, string>> = {
  jpeg: "JPEG",
  png: "PNG",
  webp: "WebP",
  heic: "HEIC",
};

/** Advice for each problem (low resolution names the size, so it is built where the size is known). */
const PROBLEM_LINES: Readonly<Record<Exclude<PhotoProblem, "low-resolution">, Line>> = {
  blurry: say("photo.problem.blurry"),
  dark: say("photo.problem.dark"),
  glare: say("photo.problem.glare"),
  sideways: say("photo.problem.sideways"),
  blank: say("photo.problem.blank"),
};

/** "JPEG, PNG, WebP" — the formats this server can check, for the limits line. */
function formatList(formats: readonly PhotoFormat[]): string {
  return formats.map((f) => FORMAT_NAMES[f]).join(", ");
}

/** The accepted formats and the size limit, said with every refusal. */
export function limitsLine(formats: readonly PhotoFormat[]): Line {
  return say("photo.limits", {
    formats: formatList(formats),
    mb: Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024),
  });
}

/** Whether the photo can be used as it is (decoded and no problem found). */
export function isGood(v: PhotoVerdict): boolean {
  return v.kind === "checked" && v.problems.length === 0;
}

/** Lines answering a verdict. */
export function adviceLines(v: PhotoVerdict, formats: readonly PhotoFormat[]): Line[] {
  switch (v.kind) {
    case "checked":
      if (v.problems.length === 0) return [say("photo.ok")];
      return [
        say("photo.problems"),
        ...v.problems.map((p) =>
          p === "low-resolution"
            ? say("photo.problem.low-resolution", { width: v.width, height: v.height })
            : PROBLEM_LINES[p],
        ),
      ];
    case "too-small":
      return [say("photo.too-small", { width: v.width, height: v.height })];
    case "too-large":
      return [say(v.limit === "bytes" ? "photo.too-large" : "photo.too-large.pixels"), limitsLine(formats)];
    case "unsupported":
      return [
        v.format
          ? say("photo.unsupported.named", { format: v.format.toUpperCase() })
          : say("photo.unsupported"),
        limitsLine(formats),
      ];
    case "heic-unreadable":
      return [say("photo.heic"), limitsLine(formats)];
    case "unreadable":
      return [say("photo.unreadable")];
  }
}
