// Promises about a citizen's own case ("hồ sơ đã được duyệt", "không cần mang giấy tờ gì") that a
// reworded procedure answer may not add: only the portal decides, and the facts list the papers.
import { foldKey } from "../nlu/normalize.js";

/** Folded phrases of such promises (Vietnamese with or without accents, and English). */
const OUTCOME_PHRASES = [
  "da duoc duyet",
  "da duyet",
  "duoc phe duyet",
  "da phe duyet",
  "da duoc chap thuan",
  "da duoc cap",
  "da hoan thanh ho so",
  "ho so da hoan thanh",
  "khong can mang giay to",
  "khong can giay to",
  "khong can nop giay to",
  "khong can chuan bi giay to",
  "has been approved",
  "is approved",
  "approved your",
  "has been issued",
  "no documents needed",
  "no papers needed",
  "no documents are needed",
].map(foldKey);

/** Outcome promises in `answer` that `facts` do not contain, as grounding problems. */
export function outcomeProblems(answer: string, facts: string): string[] {
  const said = ` ${foldKey(answer)} `;
  const known = ` ${foldKey(facts)} `;
  return OUTCOME_PHRASES.filter((p) => said.includes(` ${p} `) && !known.includes(` ${p} `)).map(
    (p) => `outcome not in the facts: "${p}"`,
  );
}
