// Tokenisation into syllables, syllable bigrams and character n-grams.
// Vietnamese words are mostly two syllables ("khai sinh"), so bigrams carry most of the meaning.

/** Splits cleaned text into syllables (whitespace-separated tokens). */
export function syllables(text: string): string[] {
  return text.split(/\s+/).filter((t) => t.length > 0);
}

/** Adjacent syllable pairs joined by "_": ["khai","sinh","con"] → ["khai_sinh","sinh_con"]. */
export function bigrams(tokens: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i + 1 < tokens.length; i++) out.push(`${tokens[i]}_${tokens[i + 1]}`);
  return out;
}

/** Character n-grams of one word with boundary marks: "sinh",3 → ["^si","sin","inh","nh$"]. */
export function charNgrams(word: string, n: number): string[] {
  const padded = `^${word}$`;
  if (padded.length <= n) return [padded];
  const out: string[] = [];
  for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}
