// A conversation held mid-form while fuzzing runs beside it, and its twin that nothing touches:
// after each fuzz run the held one must be stored unchanged and continue exactly like the twin.
import { expect } from "vitest";

/** One turn's replies as the caller sees them (core Reply or the web JSON). */
export type Say = (
  conversation: string,
  text: string,
  optionId?: string,
) => Promise<ReadonlyArray<{ text: string; options?: ReadonlyArray<{ id: string }> }>>;

/** Up to the first question of the birth registration form, with the first field answered. */
const PREFIX: ReadonlyArray<readonly [string, string?]> = [
  ["làm giấy khai sinh cho con cần gì"],
  ["", "form"],
  ["", "yes"],
  ["Nguyễn Văn Thử"],
];
/** Answers given one by one to the form's next questions at each check. */
const NEXT = ["001099000001", "0912345678", "Nguyễn Thị Bé Thử", "15/03/2024", "Nữ", "Kinh"];

export interface KnownConversation {
  /** Runs the prefix on both conversations and remembers the held one's stored state. */
  begin(): Promise<void>;
  /** Asserts the held state is unchanged, then that the next answer is handled exactly as in the twin. */
  check(label: string): Promise<void>;
}

/** `held` and `twin` are the conversation keys `say` takes; `stored` loads what the store keeps for one. */
export function knownConversation(
  say: Say,
  stored: (conversation: string) => Promise<unknown>,
  held: string,
  twin: string,
): KnownConversation {
  let snapshot: unknown = null;
  let step = 0;
  return {
    async begin() {
      for (const id of [held, twin]) for (const [text, option] of PREFIX) await say(id, text, option);
      snapshot = await stored(held);
      expect(JSON.stringify(snapshot)).toContain("Nguyễn Văn Thử"); // the answered field is stored
    },
    async check(label) {
      expect(await stored(held), `${label}: the held conversation's state changed`).toEqual(snapshot);
      const answer = NEXT[step++ % NEXT.length] ?? "";
      const mine = await say(held, answer);
      const theirs = await say(twin, answer);
      expect(mine.length, label).toBeGreaterThan(0);
      expect(mine, `${label}: the held conversation continued differently from its twin`).toEqual(theirs);
      expect(mine.map((r) => r.text).join("\n"), label).not.toMatch(/hệ thống đang bận/);
      snapshot = await stored(held);
    },
  };
}
