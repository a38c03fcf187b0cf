// Staff HTTP API (Bearer STAFF_API_TOKEN): open handoff tickets, their transcripts, replying to the
// citizen in their own chat and handing the conversation back to the bot. Disabled without a token.
import { timingSafeEqual, createHash } from "node:crypto";
import { Hono } from "hono";
import { z } from "zod";
import type { HandoffStore } from "../core/ports.js";

export interface StaffRouteDeps {
  /** Null disables the staff API (every call answers 404). */
  readonly token: string | null;
  readonly handoffs: Pick<HandoffStore, "listOpen" | "get" | "transcript">;
  staffReply(ticketId: string, text: string): Promise<boolean>;
  release(ticketId: string): Promise<boolean>;
}

const replySchema = z.object({
  text: z
    .string({ error: "Thiếu nội dung trả lời (text)." })
    .trim()
    .min(1, { error: "Nội dung trả lời trống." })
    .max(4000, { error: "Nội dung trả lời dài quá 4.000 ký tự." }),
});

/** Constant-time comparison of the presented token (hashes equalise the lengths). */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

const NOT_FOUND = { error: "Không tìm thấy yêu cầu gặp cán bộ này (có thể đã đóng)." };

export function staffRoute(deps: StaffRouteDeps): Hono {
  const app = new Hono();
  app.use("/api/staff/*", async (c, next) => {
    if (deps.token === null) return c.json({ error: "Chưa bật giao diện cán bộ (STAFF_API_TOKEN)." }, 404);
    const header = c.req.header("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7) : "";
    if (!sameSecret(given, deps.token))
      return c.json({ error: "Sai hoặc thiếu mã truy cập của cán bộ." }, 401);
    await next();
    return undefined;
  });
  app.get("/api/staff/handoffs", async (c) => c.json({ tickets: await deps.handoffs.listOpen() }));
  app.get("/api/staff/handoffs/:id", async (c) => {
    const ticket = await deps.handoffs.get(c.req.param("id"));
    if (!ticket) return c.json(NOT_FOUND, 404);
    return c.json({ ticket, transcript: await deps.handoffs.transcript(ticket.id) });
  });
  app.post("/api/staff/handoffs/:id/reply", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "Nội dung gửi lên không đúng định dạng JSON." }, 400);
    }
    const parsed = replySchema.safeParse(body);
    if (!parsed.success)
      return c.json({ error: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ." }, 400);
    const ok = await deps.staffReply(c.req.param("id"), parsed.data.text);
    return ok ? c.json({ delivered: true }) : c.json(NOT_FOUND, 404);
  });
  app.post("/api/staff/handoffs/:id/release", async (c) => {
    const ok = await deps.release(c.req.param("id"));
    return ok ? c.json({ released: true }) : c.json(NOT_FOUND, 404);
  });
  return app;
}
