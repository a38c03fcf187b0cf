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

  it.each([
    ["chị Bích cần gì", "chị [TÊN] cần gì"],
    ["anh Tuấn ơi cho hỏi", "anh [TÊN] ơi cho hỏi"],
    ["bé Na sinh năm 2020", "bé [TÊN] sinh năm 2020"],
    ["cô Lan nói phải có giấy khai sinh", "cô [TÊN] nói phải có giấy khai sinh"],
    ["ông Sáu ở xã bên", "ông [TÊN] ở xã bên"],
    ["Chị Bích ơi, hồ sơ của em đâu", "Chị [TÊN] ơi, hồ sơ của em đâu"],
    ["Bé Na bị ốm", "Bé [TÊN] bị ốm"],
    ["hỏi giúp chú Ba nhé", "hỏi giúp chú [TÊN] nhé"],
    ["Chị Hai ơi", "Chị [TÊN] ơi"],
    ["mẹ Lan và ba Hùng", "mẹ [TÊN] và ba [TÊN]"],
    [
      "thầy Nam, cụ Tư, dì Mai, mợ Thu, thím Hạnh, cậu Bình",
      "thầy [TÊN], cụ [TÊN], dì [TÊN], mợ [TÊN], thím [TÊN], cậu [TÊN]",
    ],
    ["cô giáo Lan dạy con", "cô giáo [TÊN] dạy con"],
    ["anh họ Tuấn Anh đi cùng", "anh họ [TÊN] đi cùng"],
    ["bà nội Lan", "bà nội [TÊN]"],
    ["chị Anh Thư", "chị [TÊN]"],
    ["chị Nguyễn Thị Bích cần gì", "chị [TÊN] cần gì"],
    ["chị NGUYEN THI HOA", "chị [TÊN]"],
    ["Kính gửi Anh/Chị Bích", "Kính gửi Anh/Chị [TÊN]"],
    ["Kính gửi Ông Bà Nguyễn Văn A", "Kính gửi Ông [TÊN]"],
    ["chi Bich can lam cccd", "chi [TÊN] can lam cccd"],
    ["anh Tuan oi", "anh [TÊN] oi"],
    ["Co Lan noi can giay khai sinh", "Co [TÊN] noi can giay khai sinh"],
  ])("hides names after a kinship or address word: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ["em tên là Hoa", "em tên là [TÊN]"],
    ["tôi là Minh, muốn làm hộ chiếu", "tôi là [TÊN], muốn làm hộ chiếu"],
    ["Em là Hoa", "Em là [TÊN]"],
    ["mình là Thảo nè", "mình là [TÊN] nè"],
    ["toi la Minh", "toi la [TÊN]"],
    ["con gái tôi tên Na", "con gái tôi tên [TÊN]"],
    ["I am John Smith", "I am [TÊN]"],
    ["I'm Anna and I need a visa", "I'm [TÊN] and I need a visa"],
  ])("hides names after a self-introduction: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it.each([
    ["Nguyễn Thị Bích cần gì", "[TÊN] cần gì"],
    ["hồ sơ của Trần Văn Hùng", "hồ sơ của [TÊN]"],
    ["Le Van Tam can lam CCCD", "[TÊN] can lam CCCD"],
    ["Võ Thị Sáu và Phạm Minh", "[TÊN] và [TÊN]"],
  ])("hides full names that start with a family name: %s", (input, expected) => {
    expect(redactPersonalData(input)).toBe(expected);
  });

  it("hides several names in one message", () => {
    expect(redactPersonalData("ông Sáu và bà Tư đến làm giấy tờ, chị Bích cũng đi")).toBe(
      "ông [TÊN] và bà [TÊN] đến làm giấy tờ, chị [TÊN] cũng đi",
    );
    expect(redactPersonalData("Tôi là Minh, vợ tôi là Nguyễn Thị Lan, bé Na 3 tuổi")).toBe(
      "Tôi là [TÊN], vợ tôi là [TÊN], bé [TÊN] 3 tuổi",
    );
    expect(redactPersonalData("anh Tuấn, chị Bích và bé Na, sđt 0912345678")).toBe(
      "anh [TÊN], chị [TÊN] và bé [TÊN], sđt [SĐT]",
    );
  });

  it.each([
    "anh chị cần giấy tờ gì",
    "Anh Chị cần giấy tờ gì",
    "Chị cần làm hộ chiếu",
    "con tôi sinh ở bệnh viện",
    "bà con ơi",
    "chị em mình",
    "ông bà nội",
    "Ông Bà Nội",
    "Cô Chú Bác ơi",
    "cô giáo dạy",
    "Anh ơi cho hỏi",
    "Em chào anh",
    "CHỊ CẦN LÀM HỘ CHIẾU",
    "cho con Giấy khai sinh",
    "em có Căn cước chưa",
    "chị Hộ chiếu làm ở đâu",
    "bố Sổ đỏ bị mất",
    "con Thẻ BHYT hết hạn",
    "chú Công an nói",
    "chú Tư pháp",
    "anh CCCD",
    "có Giấy khai sinh không",
    "co Zalo khong",
    "Do Ủy ban Nhân dân cấp",
    "ở TP Hồ Chí Minh",
    "Hồ sơ của tôi",
    "Lý lịch tư pháp",
    "Bà Rịa - Vũng Tàu",
    "đi Hà Nội",
    "di Ha Noi lam ho chieu",
    "chi Ho chieu",
    "Tên Thủ tục là gì",
    "Tôi là Việt kiều",
    "tôi là công dân",
    "I am Vietnamese",
    "nguyễn văn an",
  ])("keeps ordinary phrases and procedure names: %s", (input) => {
    expect(redactPersonalData(input)).toBe(input);
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
