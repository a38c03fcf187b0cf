// Word lists that point at names without an introduction: address/kinship words ("chị Bích"),
// Vietnamese family names ("Nguyễn Thị Bích") and capitalised phrases that are never names ("Hộ chiếu").
import { foldDiacritics } from "../nlu/normalize.js";
import { escapeRegExp, foldedView, lowerView } from "./text-view.js";

const words = (list: string): string[] => list.split(/\s+/).filter(Boolean);
const alternation = (list: readonly string[]): string =>
  [...new Set(list)]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegExp(w).replace(/ /g, String.raw`\s+`))
    .join("|");

/** Words used to address or refer to a person; accented, and without accents where that is unambiguous. */
const ADDRESS_ACCENTED = words(
  "anh chị em cô chú bác ông bà bé cháu con cậu dì mợ thím dượng bố mẹ ba má cha thầy bạn cụ",
);
const ADDRESS = [...ADDRESS_ACCENTED, ...words("chi co chu bac ong be chau cau di mo thim duong thay")];
/** Words between the address word and the name ("cô giáo Lan", "anh họ Tuấn", "em gái Hoa"). */
const QUALIFIER = words("gái trai giáo dâu rể út họ ruột nội ngoại gai giao dau re ut ho ruot noi ngoai");

/** An address word (in the lower-cased view) followed by the place where a name may start. */
export const ADDRESS_CUE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${alternation(ADDRESS)})(?:\s+(?:${alternation(QUALIFIER)}))?[ \t]+`,
  "gu",
);

/** Address words are not names themselves ("Anh Chị cần gì"); "Ba" after one is a nickname ("chú Ba"). */
export function isAddressWord(word: string): boolean {
  const lower = word.toLowerCase();
  return lower !== "ba" && ADDRESS.includes(lower);
}

/** Self-introductions (in the folded view) followed by a name only when capitalised: "tôi là Minh". */
export const SELF_CUE = /(?<![\p{L}\p{N}])(?:(?:toi|minh|em|chau|con)\s+la|i\s+am|i['’]m)[ \t]+/gu;

const SURNAMES = words(
  "nguyễn trần lê phạm hoàng huỳnh phan vũ võ đặng bùi đỗ hồ ngô dương lý đinh đoàn trương lương " +
    "trịnh đào tạ tô tôn phùng kiều quách lưu triệu mạc",
);
/** A common family name (in the lower-cased view), accented or typed without accents. */
export const SURNAME_CUE = new RegExp(
  String.raw`(?<![\p{L}\p{N}])(?:${alternation([...SURNAMES, ...SURNAMES.map(foldDiacritics)])})(?=[ \t])`,
  "gu",
);

const ACCENTED_CUES = new Set([...ADDRESS_ACCENTED, ...SURNAMES]);

/**
 * True when a cue word was typed without its accents ("chi", "co", "Le"): it is then ambiguous ("chỉ",
 * "có", "Lễ") and only a name typed without accents as well is taken after it.
 */
export function isUnaccentedCue(word: string): boolean {
  return !ACCENTED_CUES.has(word.toLowerCase());
}

/** Capitalised words and phrases that follow an address word without being a name. */
const NOT_NAMES = [
  ...words(
    "nội ngoại rịa giấy cước sổ thẻ phiếu mã số đơn mẫu sở bộ cục xã phường quận huyện tỉnh tp hcm cccd cmnd vneid ubnd " +
      "bhyt bhxh gplx sđt otp id ok qr pdf visa passport zalo facebook vietnamese american english chinese " +
      "japanese korean french vietnam",
  ),
  ...[
    "căn cước",
    "chứng minh",
    "hộ chiếu",
    "hộ khẩu",
    "hộ tịch",
    "hộ kinh doanh",
    "tờ khai",
    "bản sao",
    "bản chính",
    "hồ sơ",
    "thủ tục",
    "bằng lái",
    "đăng ký",
    "khai sinh",
    "khai tử",
    "kết hôn",
    "ly hôn",
    "chứng thực",
    "lý lịch",
    "tạm trú",
    "thường trú",
    "tạm vắng",
    "bảo hiểm",
    "lệ phí",
    "công an",
    "ủy ban",
    "uỷ ban",
    "nhân dân",
    "thành phố",
    "hà nội",
    "hồ chí minh",
    "sài gòn",
    "đà nẵng",
    "việt nam",
    "việt kiều",
    "tư pháp",
    "tòa án",
    "toà án",
    "ngân hàng",
    "bưu điện",
    "bệnh viện",
    "văn phòng",
    "trung tâm",
    "dịch vụ",
    "cổng dịch vụ",
  ],
];
const NOT_NAME = (list: readonly string[]): RegExp =>
  new RegExp(String.raw`(?:${alternation(list)})(?![\p{L}\p{N}])`, "uy");
const NOT_NAME_ACCENTED = NOT_NAME(NOT_NAMES);
const NOT_NAME_FOLDED = NOT_NAME(NOT_NAMES.map(foldDiacritics));

/**
 * True when a procedure, paper, office or place phrase starts at `index` ("Giấy khai sinh", "Hồ Chí
 * Minh"). Words typed without accents are compared without accents ("Ho chieu").
 */
export function startsNonName(text: string, index: number): boolean {
  const head = text.slice(index, index + 30);
  NOT_NAME_ACCENTED.lastIndex = 0;
  if (NOT_NAME_ACCENTED.test(lowerView(head))) return true;
  if (!/^[A-Za-z]+(?![^\s\p{P}])/u.test(head)) return false;
  NOT_NAME_FOLDED.lastIndex = 0;
  const m = NOT_NAME_FOLDED.exec(foldedView(head));
  return m !== null && isAscii(head.slice(0, m[0].length));
}

/** True for text typed without Vietnamese accents. */
export function isAscii(text: string): boolean {
  return /^[\t\x20-\x7e]*$/.test(text);
}
