// Resume codes as text: codes use only the alphabet without look-alikes and always mix letters and
// digits; "tiếp tục ABC234" is read however it is typed, and ordinary sentences are left alone.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  makeResumeCode,
  parseResumeCommand,
  RESUME_ALPHABET,
  RESUME_CODE_LENGTH,
} from "../../src/core/nlu/resume-code.js";

describe("makeResumeCode", () => {
  it("makes six characters without look-alikes, always a letter and a digit", () => {
    const codes = Array.from({ length: 2000 }, () => makeResumeCode((n) => randomBytes(n)));
    for (const code of codes) {
      expect(code).toHaveLength(RESUME_CODE_LENGTH);
      expect(code).toMatch(/^[2-9A-HJKMNP-Z]+$/);
      expect(code).toMatch(/[2-9]/);
      expect(code).toMatch(/[A-Z]/);
    }
    expect(RESUME_ALPHABET).not.toMatch(/[01ILO]/);
    expect(new Set(codes).size).toBeGreaterThan(1990);
    // Every character of the alphabet turns up (no byte range is dropped by mistake).
    expect(new Set(codes.join("")).size).toBe(RESUME_ALPHABET.length);
  });

  it("skips biased bytes (≥ 248) and codes without a letter", () => {
    const queue = [
      [255, 248, 0, 1, 2, 3, 4, 5], // "234567": digits only, made again
      [8, 9, 10, 0, 1, 2], // "ABC234"
    ];
    const scripted = (n: number): Uint8Array => {
      const chunk = queue.shift() ?? [];
      return Uint8Array.from({ length: n }, (_, i) => chunk[i] ?? 255);
    };
    expect(makeResumeCode(scripted)).toBe("ABC234");
    expect(queue).toEqual([]);
  });
});

describe("parseResumeCommand", () => {
  it.each([
    ["tiếp tục ABC234", "ABC234"],
    ["tiep tuc abc234", "ABC234"],
    ["Tiếp tục abc 234", "ABC234"],
    ["tiếp tục: AB-C2-34", "ABC234"],
    ["/tieptuc ABC234", "ABC234"],
    ["/tieptuc@motcua_bot abc234", "ABC234"],
    ["TIẾP TỤC  x7k9mq ", "X7K9MQ"],
    ["mã tiếp tục ABC234", "ABC234"],
    ["continue ABC234", "ABC234"],
    ["/resume abc234", "ABC234"],
  ])("reads %j as the code %s", (text, code) => {
    expect(parseResumeCommand(text)).toEqual({ kind: "code", code });
  });

  it.each(["tiếp tục ABC123", "tiep tuc OOO222", "tiếp tục lll234", "/tieptuc 234567"])(
    "reads %j as a code that can never exist",
    (text) => {
      expect(parseResumeCommand(text)).toEqual({ kind: "malformed" });
    },
  );

  it.each([
    "tiếp tục",
    "/tieptuc",
    "mã tiếp tục",
    "tiếp tục điền tờ khai",
    "tiếp tục nhé bạn",
    "tiếp tục câu 3",
    "continue on zalo",
    "tiếp tục ABC2345",
    "ABC234",
    "tôi muốn tiếp tục ABC234 sau",
    "làm giấy khai sinh cần gì",
  ])("leaves %j alone", (text) => {
    expect(parseResumeCommand(text)).toBeNull();
  });
});
