import { describe, expect, it } from "vitest";
import {
  cleanPunctuation,
  foldDiacritics,
  foldKey,
  hasDiacritics,
  toCanonical,
  unifyIY,
} from "../../../src/core/nlu/index.js";

describe("toCanonical", () => {
  it.each([
    ["ĐĂNG KÝ KHAI SINH", "đăng ký khai sinh"],
    ["Đăng ky\u0301", "đăng ký"], // decomposed (NFD) accent becomes one NFC character
    ["Hộ Chiếu", "hộ chiếu"],
  ])("%s → %s", (input, expected) => {
    expect(toCanonical(input)).toBe(expected);
    expect(toCanonical(input)).toBe(toCanonical(input).normalize("NFC"));
  });
});

describe("foldDiacritics", () => {
  it.each([
    ["đăng ký khai sinh", "dang ky khai sinh"],
    ["Đổi bằng lái", "Doi bang lai"],
    ["thường trú, tạm trú", "thuong tru, tam tru"],
    ["giấy chứng nhận quyền sử dụng đất", "giay chung nhan quyen su dung dat"],
    ["ươ ỹ ỵ ặ", "uo y y a"],
  ])("%s → %s", (input, expected) => {
    expect(foldDiacritics(input)).toBe(expected);
  });
});

describe("cleanPunctuation", () => {
  it.each([
    ["làm sổ đỏ lần đầu???", "làm sổ đỏ lần đầu"],
    ["  cần   gì\t\n nữa  ", "cần gì nữa"],
    ["xin giấy (độc thân) - gấp!!!", "xin giấy độc thân gấp"],
    ["H29.31-240315-0001", "H29 31 240315 0001"],
    ["🙏 cho em hỏi ạ 😊", "cho em hỏi ạ"],
    ["<script>alert(1)</script>", "script alert 1 script"],
  ])("%s → %s", (input, expected) => {
    expect(cleanPunctuation(input)).toBe(expected);
  });
});

describe("unifyIY and foldKey", () => {
  it.each([
    ["dang ky", "dang ki"],
    ["ly lich", "li lich"],
    ["liet sy", "liet si"],
    ["quy trinh", "quy trinh"], // "uy" is a real vowel, not the i/y spelling variant
    ["tay", "tay"],
  ])("unifyIY(%s) → %s", (input, expected) => {
    expect(unifyIY(input)).toBe(expected);
  });

  it.each([
    ["Đăng kí", "Đăng ký"],
    ["Lý lịch", "lí lịch"],
    ["LIỆT SỸ", "liệt sĩ"],
    ["dang ky khai sinh", "Đăng ký khai sinh!"],
  ])("foldKey(%s) = foldKey(%s)", (a, b) => {
    expect(foldKey(a)).toBe(foldKey(b));
  });
});

describe("hasDiacritics", () => {
  it.each([
    ["làm sổ đỏ", true],
    ["lam so do", false],
    ["đi", true],
    ["passport 😊", false],
  ])("%s → %s", (input, expected) => {
    expect(hasDiacritics(input)).toBe(expected);
  });
});
