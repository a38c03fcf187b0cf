// Recognises an explicit request to attach a photo to the dossier: a caption sent with the photo
// ("đính kèm vào hồ sơ"), or a short command sent just before it ("/dinhkem", "đính kèm ảnh").
import { foldKey } from "../nlu/normalize.js";

/** "đính kèm", "lưu ảnh vào hồ sơ", "attach" anywhere in a caption, unless negated ("không đính kèm"). */
const CAPTION = /(?:^| )(?:dinh ?kem|luu (?:anh )?vao ho so|luu anh|attach)(?: |$)/;
const NEGATED = /(?:^| )(?:khong|ko|dung|chua|don t|dont|do not|not) (?:can )?(?:dinh ?kem|luu|attach)/;

/**
 * A whole message that is only the command: "/dinhkem", "đính kèm", "đính kèm ảnh (giấy tờ) vào
 * hồ sơ", "lưu ảnh vào hồ sơ", "attach (a) photo". A question about papers to attach is not one.
 */
const COMMAND =
  /^(?:dinh ?kem|luu)(?: (?:anh|hinh|hinh anh|giay to|anh giay to))?(?: (?:vao|cho) (?:ho so|ho so cua toi))?$|^attach(?: (?:a )?(?:photo|picture|image))?(?: to (?:my )?(?:dossier|file|application))?$/;

/** Whether the text sent with a photo asks to attach it to the dossier. */
export function asksToAttach(text: string): boolean {
  const folded = foldKey(text);
  return CAPTION.test(folded) && !NEGATED.test(folded);
}

/** Whether a message without a photo is the command announcing that the next photo is to be attached. */
export function isAttachCommand(text: string): boolean {
  return COMMAND.test(foldKey(text));
}
