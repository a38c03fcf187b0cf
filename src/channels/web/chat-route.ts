// The web chat channel: serves the page at GET /, and translates POST /api/chat and
// GET /api/chat/updates to and from the canonical message model. Translation only; no logic.
import { readFileSync } from "node:fs";
import { Hono, type Context } from "hono";
import { z } from "zod";
import type { InboundMessage, Reply } from "../../core/messages.js";
import { readBodyText, TOO_LARGE } from "../common/index.js";

/** Longest message a citizen may type (the page enforces it too). */
export const MAX_TEXT_CHARS = 2000;
const MAX_BODY_BYTES = 16 * 1024;

/** What the web channel needs from the assistant. */
export interface WebChatDeps {
  handleTurn(msg: InboundMessage): Promise<Reply[]>;
  updates(conversationId: string): Promise<Reply[]>;
  readonly now: () => number;
  /** Rate limit per session and address: a Response (429) when the request must wait (absent = none). */
  readonly limit?: (c: Context, sessionId: string) => Promise<Response | null>;
}

/** "Thiếu …" when the field is absent, "… phải là chuỗi ký tự" when it has another type. */
const missingOrWrongType = (missing: string, wrong: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? missing : wrong;

/** A web chat session id (also taken by the photo upload). */
export const sessionIdSchema = z
  .string({
    error: missingOrWrongType(
      "Thiếu mã phiên trò chuyện (sessionId).",
      "Mã phiên trò chuyện (sessionId) phải là chuỗi ký tự.",
    ),
  })
  .regex(/^[A-Za-z0-9_-]{8,100}$/, { error: "Mã phiên trò chuyện (sessionId) không hợp lệ." });

const chatBodySchema = z.object(
  {
    sessionId: sessionIdSchema,
    text: z
      .string({
        error: missingOrWrongType(
          "Thiếu nội dung tin nhắn (text).",
          "Nội dung tin nhắn (text) phải là chuỗi ký tự.",
        ),
      })
      .max(MAX_TEXT_CHARS, {
        error: `Tin nhắn dài quá ${MAX_TEXT_CHARS} ký tự, anh/chị vui lòng viết ngắn lại.`,
      }),
    optionId: z
      .string({ error: "Mã lựa chọn (optionId) phải là chuỗi ký tự." })
      .max(200, { error: "Mã lựa chọn (optionId) không hợp lệ." })
      .optional(),
  },
  { error: 'Yêu cầu phải là một đối tượng JSON dạng {"sessionId": "…", "text": "…"}.' },
);

/** The page as served: no framework, no external resources; inline script and style only. */
const PAGE_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-cache",
  "Content-Security-Policy":
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "X-Frame-Options": "DENY",
};

function bad(c: Context, message: string, status: 400 | 413 | 415 = 400) {
  return c.json({ error: message }, status);
}

/** Control characters a keyboard never types (newlines and tabs are kept). */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** Strips control characters a keyboard never types (keeps newlines and tabs). */
export function clean(text: string): string {
  return text.normalize("NFC").replace(CONTROL_CHARS, "").trim();
}

/** The JSON answer of a turn (shared by the photo upload). */
export function toJson(replies: readonly Reply[]) {
  return {
    replies: replies.map((r) => ({
      text: r.text,
      ...(r.options?.length ? { options: r.options.map((o) => ({ id: o.id, label: o.label })) } : {}),
      ...(r.links?.length ? { links: r.links } : {}),
      ...(r.files?.length ? { files: r.files } : {}),
    })),
    // Tells the page to drop its local transcript after "xóa dữ liệu của tôi".
    ...(replies.some((r) => r.control === "data-erased") ? { erased: true } : {}),
  };
}

export function webChatRoute(deps: WebChatDeps): Hono {
  const page = readFileSync(new URL("./static/index.html", import.meta.url), "utf8");
  const app = new Hono();
  app.get("/", (c) => c.body(page, 200, PAGE_HEADERS));
  app.post("/api/chat", async (c) => {
    if (!(c.req.header("content-type") ?? "").toLowerCase().includes("application/json"))
      return bad(c, "Yêu cầu phải gửi dạng JSON (Content-Type: application/json).", 415);
    const raw = await readBodyText(c, MAX_BODY_BYTES);
    if (raw === TOO_LARGE) return bad(c, "Tin nhắn quá lớn, anh/chị vui lòng gửi ngắn hơn.", 413);
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return bad(c, "Nội dung gửi lên không đúng định dạng JSON.");
    }
    const parsed = chatBodySchema.safeParse(body);
    if (!parsed.success) return bad(c, parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ.");
    const { sessionId, optionId } = parsed.data;
    const text = clean(parsed.data.text);
    if (text.length === 0 && !optionId) return bad(c, "Tin nhắn trống, anh/chị vui lòng nhập câu hỏi.");
    const limited = await deps.limit?.(c, sessionId);
    if (limited) return limited;
    const replies = await deps.handleTurn({
      conversationId: `web:${sessionId}`,
      channel: "web",
      text,
      ...(optionId ? { optionId } : {}),
      receivedAt: deps.now(),
    });
    return c.json(toJson(replies));
  });
  app.get("/api/chat/updates", async (c) => {
    const parsed = sessionIdSchema.safeParse(c.req.query("sessionId"));
    if (!parsed.success) return bad(c, parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ.");
    return c.json(toJson(await deps.updates(`web:${parsed.data}`)));
  });
  return app;
}
