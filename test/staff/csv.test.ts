// The CSV writer cell by cell: numbers as they are, RFC 4180 quoting, and cells a spreadsheet would
// run as a formula (= + - @ tab CR) prefixed with "'"; plus the BOM, CRLF rows and Vietnam time.
import { describe, expect, it } from "vitest";
import { csvCell, toCsv, vietnamTime } from "../../src/http/staff-csv.js";

describe("csvCell", () => {
  it.each([
    ["plain text", "làm hộ chiếu", "làm hộ chiếu"],
    ["a formula", "=1+1", "'=1+1"],
    ["a plus sign", "+84912", "'+84912"],
    ["a minus sign", "-5 ngày", "'-5 ngày"],
    ["an at sign", "@SUM(A1)", "'@SUM(A1)"],
    ["a leading tab", "\tx", "'\tx"],
    ["a leading CR", "\rx", '"\'\rx"'],
    ["a comma", "a,b", '"a,b"'],
    ["quotes", 'nói "chào"', '"nói ""chào"""'],
    ["a line break", "dòng 1\ndòng 2", '"dòng 1\ndòng 2"'],
    ["a formula with a comma", '=HYPERLINK("x","y")', '"\'=HYPERLINK(""x"",""y"")"'],
    ["a formula sign inside", "a=b", "a=b"],
    ["an empty text", "", ""],
    ["null", null, ""],
    ["a number", 0.625, "0.625"],
    ["zero", 0, "0"],
    ["a negative number", -1, "-1"],
    ["not a number", Number.NaN, ""],
  ])("writes %s", (_, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("toCsv", () => {
  it("starts with a BOM and ends every row with CRLF", () => {
    expect(
      toCsv([
        ["a", 1],
        [null, "b,c"],
      ]),
    ).toBe('\uFEFFa,1\r\n,"b,c"\r\n');
    expect(toCsv([])).toBe("\uFEFF");
  });
});

describe("vietnamTime", () => {
  it.each([
    [Date.UTC(2025, 0, 1, 0, 0, 0), "2025-01-01 07:00:00"],
    [Date.UTC(2025, 5, 30, 17, 30, 5), "2025-07-01 00:30:05"],
  ])("writes %d as %s (UTC+7)", (ms, expected) => {
    expect(vietnamTime(ms)).toBe(expected);
  });
});
