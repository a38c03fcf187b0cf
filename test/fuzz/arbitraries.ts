// fast-check generators of hostile input for the fuzz tests: control characters, lone surrogates,
// emoji, RTL and mixed scripts, markup, command words and look-alike ID numbers, in any mix.
import fc from "fast-check";

/** One UTF-16 unit of the C0/C1 control ranges and DEL. */
const control = fc
  .oneof(fc.integer({ min: 0x00, max: 0x1f }), fc.integer({ min: 0x7f, max: 0x9f }))
  .map((n) => String.fromCharCode(n));

/** A half of a surrogate pair on its own (invalid UTF-16 that JSON and JS strings still carry). */
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((n) => String.fromCharCode(n));

/** Bidirectional overrides, zero-width marks and the byte-order mark. */
const invisible = fc.constantFrom(
  "\u200b",
  "\u200c",
  "\u200d",
  "\u200e",
  "\u200f",
  "\u202a",
  "\u202b",
  "\u202d",
  "\u202e",
  "\u2066",
  "\u2069",
  "\ufeff",
  "\u00ad",
);

/** Pieces of real scripts: Vietnamese (precomposed and combining), Arabic, Hebrew, CJK, Thai, emoji. */
const scripts = fc.constantFrom(
  "làm giấy khai sinh",
  "a\u0300",
  "e\u0302\u0301",
  "Đ",
  "ư\u031b",
  "مرحبا",
  "שלום",
  "身份证",
  "สวัสดี",
  "👨‍👩‍👧‍👦",
  "🏳️‍🌈",
  "🇻🇳",
  "😀",
  "𝕏",
  "\u0301\u0301\u0301",
);

/** Words the assistant reacts to (commands, picks, yes/no), so sequences reach many dialogue states. */
export const commandWords = fc.constantFrom(
  "xóa dữ liệu của tôi",
  "có",
  "không",
  "bắt đầu lại",
  "gặp cán bộ",
  "quyền riêng tư",
  "hủy",
  "1",
  "2",
  "3",
  "99",
  "0",
  "-1",
  "điền tờ khai",
  "tôi có căn cước rồi",
  "mã tiếp tục",
  "tiếp tục ABC234",
  "tra cứu hồ sơ H29.31-240315-0001",
  "hồ sơ của tôi",
  "làm giấy khai sinh cần gì",
  "cấp lại căn cước",
  "lam ho chieu can j",
  "đăng ký kết hôn",
  "/start",
  "/xoadulieu",
  "/chiase khai-sinh",
  "help",
  "thank you",
);

/** Values that look like personal data or attacks (forms validate them). */
const payloads = fc.constantFrom(
  "001099000001",
  "0912345678",
  "15/03/2024",
  "31/02/2024",
  "Nguyễn Văn Thử",
  '<img src=x onerror="alert(1)">',
  "<script>alert(1)</script>",
  "'; DROP TABLE conversations; --",
  '{"__proto__":{"polluted":true}}',
  "${process.env.OPENAI_API_KEY}",
  "{{7*7}}",
  "%s%s%s%n",
  "../../../../etc/passwd",
  "\\u0000",
  "NaN",
  "undefined",
  "null",
  "9".repeat(400),
);

/** Any single character of the hostile alphabet. */
export const nastyChar = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: "grapheme", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", minLength: 1, maxLength: 1 }) },
  { weight: 2, arbitrary: control },
  { weight: 1, arbitrary: loneSurrogate },
  { weight: 1, arbitrary: invisible },
  { weight: 2, arbitrary: scripts },
  { weight: 1, arbitrary: fc.constantFrom(" ", "\n", "\t", "\r\n") },
);

/** Free text made of hostile characters (up to `maxLength` pieces). */
export const nastyString = (maxLength = 200) => fc.string({ unit: nastyChar, maxLength });

/** A message: hostile noise, command words and payloads, in any order and mix. */
export const nastyMessage = fc
  .array(fc.oneof({ weight: 3, arbitrary: nastyString(60) }, commandWords, payloads), {
    minLength: 1,
    maxLength: 5,
  })
  .map((parts) => parts.join(" "));

/** An option id as a client might send it: real ones, numbers, prototype names, noise. */
export const optionId = fc.oneof(
  fc.constantFrom(
    "form",
    "checklist",
    "yes",
    "no",
    "status",
    "handoff",
    "restart",
    "menu",
    "0",
    "1",
    "-1",
    "__proto__",
    "constructor",
    "toString",
    "hasOwnProperty",
  ),
  nastyString(40),
);

/** Random bytes (binary bodies, "images" that are not). */
export const randomBytes = (maxLength: number) => fc.uint8Array({ maxLength }).map((a) => new Uint8Array(a));
