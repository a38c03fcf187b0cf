// Checks the lexicon is stable: expanding a canonical replacement must give it back unchanged,
// otherwise text would keep growing ("giấy phép lái" → "giấy phép lái xe" → "… xe xe").
import type { KbProblem } from "./errors.js";
import type { Lexicon } from "./schema.js";
import { compileLexicon } from "../nlu/lexicon.js";
import { cleanPunctuation, toCanonical } from "../nlu/normalize.js";
import { syllables } from "../nlu/tokenize.js";

/** Returns one problem per abbreviation or phrase whose replacement is not a fixed point. */
export function checkLexicon(lexicon: Lexicon, file: string): KbProblem[] {
  const compiled = compileLexicon(lexicon);
  const entries = [
    ...Object.entries(lexicon.abbreviations).map(([k, v]) => ({ section: "abbreviations", k, v })),
    ...Object.entries(lexicon.phrases).map(([k, v]) => ({ section: "phrases", k, v })),
  ];
  return entries.flatMap(({ section, k, v }) => {
    const tokens = syllables(cleanPunctuation(toCanonical(v)));
    const again = compiled.expand(tokens).accented.join(" ");
    if (again === tokens.join(" ")) return [];
    return [
      {
        file,
        field: `${section}.${k}`,
        vi: `thay "${k}" bằng "${v}" rồi lại bị đổi tiếp thành "${again}"; cách viết chuẩn không được chứa một từ viết tắt/cụm từ khác`,
        en: `replacement "${v}" is expanded again to "${again}"; a canonical form must be stable`,
      },
    ];
  });
}
