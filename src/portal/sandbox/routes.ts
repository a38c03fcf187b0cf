// The sandbox portal's HTTP API (Hono): create a pre-filled dossier, look it up with proof of
// ownership, the VNeID finishing page, staff status changes and /healthz. Errors use the contract body.
import { Hono, type Context } from "hono";
import type { z } from "zod";
import type { KnowledgeBase } from "../../core/knowledge/index.js";
import {
  ACCESS_TOKEN_HEADER,
  OWNER_ID_HEADER,
  createDossierRequestSchema,
  normaliseDossierCode,
  statusChangeRequestSchema,
} from "../contract.js";
import { appointmentDate, vnIso, vnLocal } from "./appointment.js";
import type { WorkingCalendar } from "./calendar.js";
import { SandboxError, notFound } from "./errors.js";
import { finishPage } from "./finish-page.js";
import { checkForm } from "./form-check.js";
import { requestFingerprint, safeEqual, sha256 } from "./secrets.js";
import type { SandboxStore } from "./store.js";

export interface RouteDeps {
  readonly store: SandboxStore;
  readonly knowledge: KnowledgeBase;
  readonly calendar: WorkingCalendar;
  readonly clock: () => Date;
  readonly staffToken: string | null;
  readonly callbackUrl: string | null;
  /** Called after a status change queued a callback. */
  readonly onQueued: () => void;
  readonly onUnexpected: (err: unknown) => void;
}

const MAX_BODY = 64 * 1024;
const KEY_PATTERN = /^[\x21-\x7e]{1,200}$/;

async function readJson<T>(c: Context, schema: z.ZodType<T>): Promise<T> {
  const text = await c.req.text();
  if (text.length > MAX_BODY)
    throw new SandboxError(413, "invalid-request", "Nội dung quá lớn (tối đa 64 KB).");
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new SandboxError(400, "invalid-request", "Nội dung không phải JSON hợp lệ.");
  }
  const parsed = schema.safeParse(data);
  if (!parsed.success) {
    const fields = Object.fromEntries(
      parsed.error.issues.map((i) => [i.path.join(".") || "(body)", i.message]),
    );
    throw new SandboxError(400, "invalid-request", "Yêu cầu không đúng định dạng.", fields);
  }
  return parsed.data;
}

export function createSandboxRoutes(deps: RouteDeps): Hono {
  const app = new Hono();
  const procedures = new Map(deps.knowledge.procedures.map((p) => [p.slug, p]));

  app.get("/healthz", (c) => c.json({ ok: true, service: "motcua-sandbox-portal" }));

  app.post("/v1/dossiers", async (c) => {
    const key = c.req.header("idempotency-key");
    if (!key || !KEY_PATTERN.test(key)) {
      throw new SandboxError(
        400,
        "invalid-request",
        "Thiếu header Idempotency-Key (1–200 ký tự ASCII in được).",
      );
    }
    const request = await readJson(c, createDossierRequestSchema);
    const fingerprint = requestFingerprint(request);
    const earlier = deps.store.replay(key, fingerprint);
    if (earlier) return c.json({ dossier: earlier.dossier, accessToken: earlier.accessToken }, 200);
    const procedure = procedures.get(request.procedure);
    if (!procedure)
      throw new SandboxError(422, "unknown-procedure", `Không có thủ tục "${request.procedure}".`);
    if (request.procedureCode && procedure.code && !request.procedureCode.startsWith(procedure.code)) {
      throw new SandboxError(
        422,
        "unknown-procedure",
        `Mã TTHC ${request.procedureCode} không khớp thủ tục.`,
      );
    }
    const now = deps.clock();
    const local = vnLocal(now);
    const form = checkForm(procedure, request.formData, new Date(`${local.date}T00:00:00Z`));
    if (!form.ok) throw new SandboxError(422, "invalid-form", "Tờ khai có trường chưa hợp lệ.", form.fields);
    const created = deps.store.create(key, fingerprint, {
      request,
      procedureName: procedure.name,
      formValues: form.values,
      submittedAt: vnIso(now),
      codeDate: local.date.slice(2).replaceAll("-", ""),
      appointmentDate: appointmentDate(deps.calendar, now, procedure.processing_time.working_days),
    });
    return c.json({ dossier: created.dossier, accessToken: created.accessToken }, created.replay ? 200 : 201);
  });

  app.get("/v1/dossiers/:code/finish", (c) => {
    const code = normaliseDossierCode(c.req.param("code"));
    if (!code) throw notFound();
    return c.html(finishPage(code));
  });

  app.get("/v1/dossiers/:code", (c) => {
    const idNumber = c.req.header(OWNER_ID_HEADER)?.replace(/[\s.-]/g, "");
    const token = c.req.header(ACCESS_TOKEN_HEADER)?.trim();
    if (!idNumber && !token) {
      throw new SandboxError(
        403,
        "forbidden",
        `Cần chứng minh quyền xem hồ sơ: header ${OWNER_ID_HEADER} (số căn cước chủ hồ sơ) hoặc ${ACCESS_TOKEN_HEADER}.`,
      );
    }
    const code = normaliseDossierCode(c.req.param("code"));
    if (!code) throw notFound();
    return c.json(
      deps.store.getOwned(code, { ...(idNumber ? { idNumber } : {}), ...(token ? { token } : {}) }),
    );
  });

  app.post("/v1/staff/dossiers/:code/status", async (c) => {
    const given = /^Bearer\s+(.+)$/i.exec(c.req.header("authorization") ?? "")?.[1]?.trim() ?? "";
    if (!deps.staffToken || !safeEqual(sha256(given), sha256(deps.staffToken))) {
      throw new SandboxError(401, "unauthorized", "Cần Bearer token của cán bộ.");
    }
    const change = await readJson(c, statusChangeRequestSchema);
    if (change.requests.length > 0 && change.status !== 5) {
      throw new SandboxError(400, "invalid-request", "Chỉ ghi giấy tờ cần bổ sung kèm trạng thái 5.");
    }
    const code = normaliseDossierCode(c.req.param("code"));
    if (!code) throw notFound();
    const dossier = deps.store.changeStatus(
      code,
      { status: change.status, note: change.note, requests: change.requests, at: vnIso(deps.clock()) },
      deps.callbackUrl,
    );
    if (deps.callbackUrl) deps.onQueued();
    return c.json(dossier);
  });

  app.notFound((c) => c.json(new SandboxError(404, "not-found", "Không có đường dẫn này.").body(), 404));
  app.onError((err, c) => {
    if (err instanceof SandboxError) return c.json(err.body(), err.status);
    deps.onUnexpected(err);
    return c.json(new SandboxError(500, "internal", "Lỗi hệ thống cổng thử nghiệm.").body(), 500);
  });
  return app;
}
