// Staff API for approved answers (behind staffAuth): list the valid ones, save a reviewed answer to a
// frequent question with its reviewer and validity (≤ 365 days), delete one. Errors in polite Vietnamese.
import { Hono } from "hono";
import { z } from "zod";
import type { ApprovedAnswer, ApprovedAnswerStore } from "../core/ports.js";
import type { StaffEnv } from "./staff-auth.js";

export interface StaffAnswersDeps {
  readonly store: ApprovedAnswerStore;
  /** Whether a procedure slug exists in the knowledge base. */
  readonly hasProcedure: (slug: string) => boolean;
  readonly now: () => number;
  readonly newId: () => string;
}

/** Longest validity of an approved answer: it must be reviewed again at least once a year. */
export const MAX_VALID_DAYS = 365;

/** A required trimmed text field; `label` names it in the errors ("Câu hỏi"). */
const text = (field: string, label: string, max: number) =>
  z
    .string({ error: `Thiếu ${label.toLowerCase()} (${field}).` })
    .trim()
    .min(1, { error: `${label} (${field}) đang trống.` })
    .max(max, { error: `${label} (${field}) dài quá ${max.toLocaleString("vi-VN")} ký tự.` });

const createSchema = z.object(
  {
    question: text("question", "Câu hỏi", 500),
    procedure: z
      .string({ error: 'Mã thủ tục (procedure) phải là chữ, ví dụ "khai-sinh".' })
      .trim()
      .max(80, { error: "Mã thủ tục (procedure) dài quá 80 ký tự." })
      .nullish(),
    answer: text("answer", "Câu trả lời", 4000),
    reviewer: text("reviewer", "Tên cán bộ duyệt", 100),
    validDays: z
      .number({ error: "Thiếu số ngày còn hiệu lực (validDays), ví dụ 90." })
      .int({ error: "Số ngày hiệu lực (validDays) phải là số nguyên." })
      .min(1, { error: "Số ngày hiệu lực (validDays) phải từ 1 ngày trở lên." })
      .max(MAX_VALID_DAYS, { error: `Số ngày hiệu lực (validDays) tối đa là ${MAX_VALID_DAYS} ngày.` }),
  },
  {
    error:
      'Yêu cầu phải là một đối tượng JSON dạng {"question", "answer", "reviewer", "validDays", "procedure"?}.',
  },
);

const NOT_FOUND = { error: "Không tìm thấy câu trả lời đã duyệt này (có thể đã hết hạn hoặc đã xóa)." };
const DAY_MS = 86_400_000;

/** Mounts /api/staff/answers (GET, POST) and /api/staff/answers/:id (DELETE); staffAuth goes in front. */
export function staffAnswersRoute(deps: StaffAnswersDeps): Hono<StaffEnv> {
  const app = new Hono<StaffEnv>();
  app.get("/api/staff/answers", async (c) => {
    const now = deps.now();
    const answers = (await deps.store.list()).filter((a) => a.expiresAt > now);
    return c.json({ answers });
  });
  app.post("/api/staff/answers", async (c) => {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      return c.json({ error: "Nội dung gửi lên không đúng định dạng JSON." }, 400);
    }
    const parsed = createSchema.safeParse(body);
    if (!parsed.success)
      return c.json({ error: parsed.error.issues[0]?.message ?? "Yêu cầu không hợp lệ." }, 400);
    const { question, answer, reviewer, validDays } = parsed.data;
    const procedure = parsed.data.procedure || null;
    if (procedure !== null && !deps.hasProcedure(procedure))
      return c.json({ error: `Không có thủ tục mã “${procedure}” trong cơ sở tri thức.` }, 400);
    const approvedAt = deps.now();
    const saved: ApprovedAnswer = {
      id: deps.newId(),
      question,
      procedure,
      answer,
      reviewer,
      approvedAt,
      expiresAt: approvedAt + validDays * DAY_MS,
    };
    await deps.store.put(saved);
    return c.json({ answer: saved }, 201);
  });
  app.delete("/api/staff/answers/:id", async (c) => {
    const deleted = await deps.store.delete(c.req.param("id"));
    return deleted ? c.json({ deleted: true }) : c.json(NOT_FOUND, 404);
  });
  return app;
}
