// POST /api/chat/photo: the web chat's photo upload. The raw image is the body (its image type in
// Content-Type), the session in ?sessionId= or X-Session-Id, an optional caption in ?text=.
import { Hono, type Context } from "hono";
import { MAX_ATTACHMENT_BYTES } from "../../core/messages.js";
import { clean, MAX_TEXT_CHARS, sessionIdSchema, toJson, type WebChatDeps } from "./chat-route.js";
import { readBodyBytes, TOO_LARGE } from "../common/index.js";

/** Image types the upload takes (the content is sniffed again by the photo check). */
const IMAGE_TYPES = new Set([
  "image/jpeg",
  "image/jpg",
  "image/pjpeg",
  "image/png",
  "image/webp",
  "image/heic",
  "image/heif",
]);

const MB = Math.round(MAX_ATTACHMENT_BYTES / 1024 / 1024);
const LIMITS = `Anh/chị gửi ảnh JPEG, PNG, WebP hoặc HEIC, mỗi ảnh tối đa ${MB} MB.`;

const ERRORS = {
  type: `Tệp này không phải ảnh nên chưa gửi được. ${LIMITS}`,
  large: `Ảnh lớn quá ${MB} MB nên chưa gửi được. Anh/chị chụp lại ở chế độ thường của điện thoại, hoặc gửi ảnh nhỏ hơn.`,
  empty: "Không nhận được ảnh nào, anh/chị vui lòng chọn ảnh rồi gửi lại.",
  caption: `Lời nhắn kèm ảnh dài quá ${MAX_TEXT_CHARS} ký tự, anh/chị vui lòng viết ngắn lại.`,
  session: "Thiếu hoặc sai mã phiên trò chuyện (sessionId).",
} as const;

function bad(c: Context, message: string, status: 400 | 413 | 415) {
  return c.json({ error: message }, status);
}

/** The declared media type without parameters, lower-case. */
function mediaType(c: Context): string {
  return (c.req.header("content-type") ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
}

/** The photo upload route; the photo goes to the assistant as the message's attachment, never to disk. */
export function webPhotoRoute(deps: WebChatDeps): Hono {
  const app = new Hono();
  app.post("/api/chat/photo", async (c) => {
    const session = sessionIdSchema.safeParse(c.req.query("sessionId") ?? c.req.header("x-session-id"));
    if (!session.success) return bad(c, ERRORS.session, 400);
    const limited = await deps.limit?.(c, session.data);
    if (limited) return limited;
    const mime = mediaType(c);
    if (!IMAGE_TYPES.has(mime)) return bad(c, ERRORS.type, 415);
    const caption = clean(c.req.query("text") ?? "");
    if (caption.length > MAX_TEXT_CHARS) return bad(c, ERRORS.caption, 400);
    const bytes = await readBodyBytes(c, MAX_ATTACHMENT_BYTES);
    if (bytes === TOO_LARGE) return bad(c, ERRORS.large, 413);
    if (bytes.byteLength === 0) return bad(c, ERRORS.empty, 400);
    const replies = await deps.handleTurn({
      conversationId: `web:${session.data}`,
      channel: "web",
      text: caption,
      attachment: { bytes, mime, size: bytes.byteLength },
      receivedAt: deps.now(),
    });
    return c.json(toJson(replies));
  });
  return app;
}
