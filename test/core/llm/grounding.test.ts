// The grounding check on model-worded answers: realistic Vietnamese and English answers that stay
// within the facts pass; any invented amount, deadline, document, link or number is rejected.
import { describe, expect, it } from "vitest";
import { checkGrounded, MAX_ANSWER_CHARS } from "../../../src/core/llm/index.js";
import { durationClaims, moneyClaims, parseNumber } from "../../../src/core/llm/claims.js";

const FACTS = [
  "Đăng ký khai sinh",
  "Giấy tờ cần chuẩn bị:",
  "1. Giấy chứng sinh (bản chính)",
  "2. Thẻ căn cước của người đi khai sinh",
  "Lệ phí: miễn lệ phí khi đăng ký đúng hạn; đăng ký lại: 50.000 đồng.",
  "Thời hạn giải quyết: 03 ngày làm việc. Nếu cần xác minh: thêm không quá 05 ngày làm việc.",
  "Nộp tại UBND cấp xã hoặc trên https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
  "Tổng đài hỗ trợ: 1800 1096.",
  "Nguồn: Luật Hộ tịch 2014 — https://thuvienphapluat.vn/van-ban/luat-ho-tich-2014. Thông tin được kiểm tra ngày 01/07/2025.",
].join("\n");

const CATALOGUE = [
  "giấy chứng sinh",
  "căn cước",
  "giấy khai sinh",
  "sổ hộ khẩu",
  "ảnh chân dung",
  "hộ chiếu",
  "ảnh",
];

describe("checkGrounded accepts answers that stay within the facts", () => {
  it.each([
    "Để đăng ký khai sinh, anh/chị mang giấy chứng sinh bản chính và thẻ căn cước. Nếu đăng ký đúng hạn thì miễn lệ phí. Kết quả trả trong 3 ngày làm việc.\nNguồn: Luật Hộ tịch 2014 — https://thuvienphapluat.vn/van-ban/luat-ho-tich-2014. Thông tin được kiểm tra ngày 01/07/2025.",
    "Đăng ký lại thì lệ phí là 50.000đ.",
    "Lệ phí đăng ký lại: 50 nghìn đồng (50k).",
    "Lệ phí đăng ký lại 50,000 VND. Thời gian: 03 ngày làm việc, cần xác minh thì thêm tối đa 5 ngày làm việc.",
    "Anh chị có thể nộp trực tuyến tại dichvucong.gov.vn hoặc gọi 1800.1096.",
    "Bạn cần giay chung sinh va can cuoc, nop tai UBND cap xa.",
    "Chưa có thông tin về việc nộp qua bưu điện. Anh có thể hỏi thêm UBND cấp xã.",
    "You need the birth certificate from the hospital (giấy chứng sinh) and your căn cước. Processing takes 3 working days; re-registration costs 50,000 VND.",
    "Anh mang giấy chứng sinh nhé.", // "anh" (you) is not the catalogue name "ảnh" (photo)
  ])("%s", (answer) => {
    expect(checkGrounded(answer, FACTS, CATALOGUE)).toEqual({ ok: true, problems: [] });
  });
});

describe("checkGrounded rejects what the facts do not say", () => {
  it.each<[string, string]>([
    ["Lệ phí là 100.000 đồng.", 'amount not in the facts: "100.000 đồng"'],
    ["Lệ phí khoảng 1,5 triệu.", 'amount not in the facts: "1,5 triệu"'],
    ["Phí dịch vụ 30k.", 'amount not in the facts: "30k"'],
    ["It costs $10.", 'amount not in the facts: "$10"'],
    ["Phí 10 USD.", 'amount not in the facts: "10 USD"'],
    ["Phí từ 50.000-80.000 đồng.", 'amount not in the facts: "50.000-80.000 đồng"'],
    ["Trả kết quả trong 5 ngày.", 'duration not in the facts: "5 ngày"'],
    ["Trả kết quả trong 3 ngày.", 'duration not in the facts: "3 ngày"'], // facts say working days
    ["Mất khoảng 2 tuần.", 'duration not in the facts: "2 tuần"'],
    ["Chờ 1 tháng.", 'duration not in the facts: "1 tháng"'],
    ["Nộp trước 15 giờ.", 'duration not in the facts: "15 giờ"'],
    ["Mất khoảng hai tuần.", 'duration not in the facts: "hai tuần"'],
    ["tra ket qua trong 10 ngay lam viec", 'duration not in the facts: "10 ngay lam viec"'],
    ["It takes 7 days.", 'duration not in the facts: "7 days"'],
    ["Mang thêm sổ hộ khẩu.", 'document not in the facts: "sổ hộ khẩu"'],
    ["Nhớ mang 2 ảnh chân dung.", 'document not in the facts: "ảnh chân dung"'],
    ["Cần mang Giấy Khai Sinh của bố mẹ.", 'document not in the facts: "giấy khai sinh"'],
    ["mang theo ho chieu", 'document not in the facts: "hộ chiếu"'],
    ["Nộp kèm ảnh 4x6.", 'document not in the facts: "ảnh"'],
    ["Xem https://dangky.gov.vn/khai-sinh.", 'link not in the facts: "https://dangky.gov.vn/khai-sinh"'],
    ["Nộp tại www.motcua.vn nhé", 'link not in the facts: "www.motcua.vn"'],
    ["Vào hochiminhcity.gov.vn để nộp.", 'link not in the facts: "hochiminhcity.gov.vn"'],
    ["Gửi thư tới hotro@dichvucong.gov.vn.", 'link not in the facts: "hotro@dichvucong.gov.vn"'],
    ["Gọi 1900 1234 để được hỗ trợ.", 'number not in the facts: "1900 1234"'],
    ["Gọi 0243 825 1234.", 'number not in the facts: "0243 825 1234"'],
    ["Hạn chót là 31.12.2025.", 'number not in the facts: "31.12.2025"'],
  ])("%s", (answer, problem) => {
    const result = checkGrounded(answer, FACTS, CATALOGUE);
    expect(result.ok).toBe(false);
    expect(result.problems).toContain(problem);
  });

  it("lists every problem of an answer", () => {
    const result = checkGrounded(
      "Lệ phí 200.000 đồng, chờ 2 tuần, mang sổ hộ khẩu, xem https://abc.vn",
      FACTS,
      CATALOGUE,
    );
    expect(result.problems).toHaveLength(4);
  });

  it.each(["", "   \n ", "x".repeat(MAX_ANSWER_CHARS + 1)])(
    "rejects empty or over-long answers",
    (answer) => {
      expect(checkGrounded(answer, FACTS, CATALOGUE).ok).toBe(false);
    },
  );

  it("accepts an answer of exactly the maximum length", () => {
    expect(checkGrounded("a".repeat(MAX_ANSWER_CHARS), FACTS, CATALOGUE).ok).toBe(true);
  });
});

describe("claim normalisation", () => {
  it.each<[string, number]>([
    ["50.000", 50000],
    ["50,000", 50000],
    ["1.500.000", 1500000],
    ["1,5", 1.5],
    ["2.5", 2.5],
    ["03", 3],
    ["1.234,5", 1234.5],
  ])("parseNumber(%s) = %d", (raw, value) => {
    expect(parseNumber(raw)).toBe(value);
  });

  it.each<[string, string[]]>([
    ["50.000 đồng", ["vnd:50000"]],
    ["50000đ", ["vnd:50000"]],
    ["50k", ["vnd:50000"]],
    ["50 nghìn đồng", ["vnd:50000"]],
    ["1,5 triệu", ["vnd:1500000"]],
    ["1.500.000 VNĐ", ["vnd:1500000"]],
    ["2 tỷ đồng", ["vnd:2000000000"]],
    ["$10", ["usd:10"]],
    ["10 USD", ["usd:10"]],
    ["100-200 nghìn", ["vnd:100000", "vnd:200000"]],
    ["5 km, 2 đợt, 3 ngày", []],
  ])("money %s", (text, keys) => {
    expect(moneyClaims(text).map((c) => c.key)).toEqual(keys);
  });

  it.each<[string, string[]]>([
    ["03 ngày làm việc", ["workday:3"]],
    ["3 working days", ["workday:3"]],
    ["5 ngày", ["day:5"]],
    ["2 tuần", ["week:2"]],
    ["1 tháng", ["month:1"]],
    ["15 giờ", ["hour:15"]],
    ["từ 3 đến 5 ngày", ["day:3", "day:5"]],
    ["mười lăm ngày", ["day:15"]],
    ["sau ngày nộp, từ ngày 5", []],
    ["50.000 đồng", []],
  ])("duration %s", (text, keys) => {
    expect(durationClaims(text).map((c) => c.key)).toEqual(keys);
  });
});
