// Personal-data redaction before text reaches a language model: id numbers, phones, e-mails, names
// and form values become placeholders; dossier codes, amounts and dates stay readable.
import { describe, expect, it } from "vitest";
import { redactPersonalData } from "../../../src/core/llm/index.js";

describe("redactPersonalData", () => {
  it.each([
    ["số CCCD của tôi là 001090123456", "số CCCD của tôi là [SỐ CCCD]"],
    ["cccd 001 090 123 456 ạ", "cccd [SỐ CCCD] ạ"],
    ["căn cước 001.090.123.456.", "căn cước [SỐ CCCD]."],
    ["CMND cũ 123456789 còn dùng được không", "CMND cũ [SỐ CMND] còn dùng được không"],
    ["cmnd 123 456 789", "cmnd [SỐ CMND]"],
    ["sđt 0912345678", "sđt [SĐT]"],
    ["gọi 0912 345 678 giúp em", "gọi [SĐT] giúp em"],
    ["số máy 0912.345.678", "số máy [SĐT]"],
    ["số 0912-345-678 nhé", "số [SĐT] nhé"],
    ["+84 912 345 678", "[SĐT]"],
    ["+84912345678", "[SĐT]"],
    ["84912345678", "[SĐT]"],
    ["máy bàn 028 3829 1234", "máy bàn [SĐT]"],
    ["SĐT:0912345678, CCCD:001090123456", "SĐT:[SĐT], CCCD:[SỐ CCCD]"],
    ["0912345678 123 là số nhà", "[SĐT] 123 là số nhà"],
    ["mail nguyen.van.an92@gmail.com nha", "mail [EMAIL] nha"],
    ["Email: An.Tran+hs@cong-ty.com.vn", "Email: [EMAIL]"],
  ])("hides identity numbers and contacts: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    "hồ sơ H29.31-240315-0001 đến đâu rồi",
    "mã biên nhận 000.00.06.H56-231027-0361",
    "mã 38.98.H29-210519-0013 ạ",
    "lệ phí 50.000 đồng, vốn 150.000.000 đồng, 1.500.000đ",
    "hẹn trả ngày 12.05.2024 lúc 8 giờ",
    "tổng đài 1900 1234",
    "thủ tục 1.000494.000.00.00.H29",
    "làm giấy khai sinh cho con cần gì",
  ])("keeps dossier codes, amounts, dates and short numbers: %s", (input) => {
    expect(redactPersonalData(input)).toBe(input);
  });

  it.each([
    ["tôi tên là Nguyễn Văn An, muốn làm khai sinh", "tôi tên là [TÊN], muốn làm khai sinh"],
    ["Tên tôi là Trần Thị Bình. Cho hỏi", "Tên tôi là [TÊN]. Cho hỏi"],
    ["tên em là lê văn tám muốn hỏi thủ tục", "tên em là [TÊN] muốn hỏi thủ tục"],
    ["toi ten la nguyen van an can lam cccd", "toi ten la [TÊN] can lam cccd"],
    ["con tôi tên là Minh Anh, sinh năm 2020", "con tôi tên là [TÊN], sinh năm 2020"],
    ["họ và tên: Phạm Thị Hoa", "họ và tên: [TÊN]"],
    ["họ tên Đỗ Văn Hùng ạ", "họ tên [TÊN] ạ"],
    ["tôi tên Lan", "tôi tên [TÊN]"],
    ["My name is John Smith and I need a passport", "My name is [TÊN] and I need a passport"],
    ["my name is john smith", "my name is [TÊN]"],
  ])("hides introduced names: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ["con nên đặt tên là gì", "con nên đặt tên là gì"],
    ["tôi tên là", "tôi tên là"],
    ["tôi là người nước ngoài", "tôi là người nước ngoài"],
  ])("leaves sentences without a name alone: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each<[string, readonly string[], string]>([
    ["chị NGUYEN THI HOA cần gì", ["Nguyễn Thị Hoa"], "chị [THÔNG TIN] cần gì"],
    ["nhà ở 12 lê lợi, phường bến nghé", ["12 Lê Lợi", "Phường Bến Nghé"], "nhà ở [THÔNG TIN], [THÔNG TIN]"],
    ["ngày sinh 12/05/1990", ["12/05/1990"], "ngày sinh [THÔNG TIN]"],
    ["giới tính Nam, sinh năm 1990", ["Nam"], "giới tính [THÔNG TIN], sinh năm 1990"],
    ["Nguyễn  Văn   An ở đây", ["nguyen van an"], "[THÔNG TIN] ở đây"],
    ["Annam và An", ["An"], "Annam và [THÔNG TIN]"],
    ["không có gì", ["", " ", "a"], "không có gì"],
  ])("hides values typed into forms, case and accents ignored: %s", (input, known, expected) => {
    expect(redactPersonalData(input, known)).toBe(expected);
  });

  it("prefers the specific label when a form value is also a phone number", () => {
    expect(redactPersonalData("gọi 0912345678", ["0912345678"])).toBe("gọi [SĐT]");
  });

  it("normalises to NFC and never throws on odd input", () => {
    const decomposed = "tôi tên là Nguyễn Văn An".normalize("NFD");
    expect(redactPersonalData(decomposed)).toBe("tôi tên là [TÊN]");
    expect(redactPersonalData("")).toBe("");
    expect(redactPersonalData("\uE000x\uE000 +++ ---")).toBe("\uE000x\uE000 +++ ---");
  });
});
