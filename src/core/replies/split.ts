// Splits long replies into bubbles of at most N characters, at paragraph, line or sentence
// boundaries (never inside a word unless a single word is longer than N).

function hardSplit(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const cut = rest.lastIndexOf(" ", max);
    const at = cut > max / 2 ? cut : max;
    out.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** Pieces of `text` at the first separator level that makes every piece fit. */
function pieces(text: string, max: number): string[] {
  if (text.length <= max) return [text];
  for (const sep of ["\n\n", "\n", /(?<=[.!?…])\s+/]) {
    const parts = text.split(sep).filter((p) => p.trim().length > 0);
    if (parts.length > 1) return parts.flatMap((p) => pieces(p, max));
  }
  return hardSplit(text, max);
}

/** Greedily packs the pieces back into bubbles of at most `max` characters. */
export function splitBubbles(text: string, max: number): string[] {
  const bubbles: string[] = [];
  let current = "";
  for (const piece of pieces(text.trim(), max)) {
    const joined = current ? `${current}\n${piece}` : piece;
    if (joined.length <= max) current = joined;
    else {
      if (current) bubbles.push(current);
      current = piece;
    }
  }
  if (current) bubbles.push(current);
  return bubbles;
}
