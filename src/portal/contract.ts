// The portal API motcua speaks, as zod schemas shared by the PortalClient and the sandbox portal
// (the OpenAPI document in src/portal/openapi.yaml describes the same shapes for other implementers).
import { z } from "zod";

/** National dossier status codes (Cổng DVC quốc gia, TrangThaiHoSo) and their plain labels. */
export const STATUS_LABELS = {
  1: "Mới đăng ký",
  2: "Đã tiếp nhận",
  3: "Không được tiếp nhận",
  4: "Đang xử lý",
  5: "Yêu cầu bổ sung giấy tờ",
  6: "Yêu cầu thực hiện nghĩa vụ tài chính",
  7: "Công dân yêu cầu rút hồ sơ",
  8: "Dừng xử lý",
  9: "Đã xử lý xong",
  10: "Đã trả kết quả",
} as const satisfies Record<number, string>;
export type StatusCode = keyof typeof STATUS_LABELS;
export const statusCodeSchema = z.union(
  Object.keys(STATUS_LABELS).map((k) => z.literal(Number(k) as StatusCode)) as [
    z.ZodLiteral<StatusCode>,
    z.ZodLiteral<StatusCode>,
    ...Array<z.ZodLiteral<StatusCode>>,
  ],
);

/** `<agency code>-<yymmdd>-<seq>`: QCVN 102 or QĐ 20/2020 agency codes, 4–5 digit daily sequence. */
export const DOSSIER_CODE_PATTERN = /^[0-9A-Z]+(?:\.[0-9A-Z]+)*-\d{6}-\d{4,5}$/;
export const dossierCodeSchema = z.string().regex(DOSSIER_CODE_PATTERN);

/** "h29.31-250115-0001 " → "H29.31-250115-0001"; null when it cannot be a dossier code. */
export function normaliseDossierCode(raw: string): string | null {
  const code = raw.replace(/\s+/g, "").toUpperCase();
  return DOSSIER_CODE_PATTERN.test(code) ? code : null;
}
/** Receiving unit code, e.g. "H29.31" or "000.00.06.H56" (must contain a level-1 group like H29). */
export const agencyCodeSchema = z
  .string()
  .regex(/^[0-9A-Z]+(?:\.[0-9A-Z]+)*$/)
  .refine((s) => /(^|\.)[A-Y]\d{2}(\.|$)/.test(s), "agency code needs a level-1 group such as H29");

const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** Where status changes should reach the citizen (motcua's own conversation reference). */
export const contactSchema = z.object({
  channel: z.enum(["web", "telegram", "zalo", "cli"]),
  conversationId: z.string().min(1).max(200),
});

/** POST /v1/dossiers — a pre-filled dossier (header `Idempotency-Key` required). */
export const createDossierRequestSchema = z.object({
  /** Knowledge-base slug of the procedure (the sandbox knows our procedures by slug). */
  procedure: z.string().min(1).max(100),
  /** National procedure code when known ("1.001193"). */
  procedureCode: z.string().max(60).nullable(),
  agencyCode: agencyCodeSchema,
  /** The confirmed form, field name → value, validated by the portal against the procedure's form. */
  formData: z.record(z.string(), z.string().max(500)),
  applicant: z.object({
    fullName: z.string().min(1).max(120),
    idNumber: z.string().regex(/^\d{12}$/),
    phone: z.string().max(20).nullable(),
  }),
  contact: contactSchema,
});
export type CreateDossierRequest = z.infer<typeof createDossierRequestSchema>;

export const historyEntrySchema = z.object({
  status: statusCodeSchema,
  label: z.string(),
  at: isoDateTime,
  note: z.string().nullable(),
});

/** A dossier as the portal shows it to its owner. */
export const dossierSchema = z.object({
  code: dossierCodeSchema,
  procedure: z.string(),
  procedureName: z.string(),
  agencyCode: agencyCodeSchema,
  status: statusCodeSchema,
  statusLabel: z.string(),
  submittedAt: isoDateTime,
  /** Ngày hẹn trả kết quả (working days from submission); null when the procedure has no fixed time. */
  appointmentDate: isoDate.nullable(),
  /** Where the citizen finishes and signs in with VNeID. */
  finishUrl: z.url(),
  /** Papers the office asked for (status 5), newest request last. */
  requests: z.array(z.string()),
  history: z.array(historyEntrySchema).min(1),
});
export type Dossier = z.infer<typeof dossierSchema>;

/** 201/200 answer of POST /v1/dossiers: the dossier plus a per-dossier access token (shown once). */
export const createDossierResponseSchema = z.object({
  dossier: dossierSchema,
  /** Lets the creating chat look the dossier up without the owner's ID number. */
  accessToken: z.string().min(20),
});
export type CreateDossierResponse = z.infer<typeof createDossierResponseSchema>;

/** Error body of every 4xx/5xx answer. */
export const portalErrorSchema = z.object({
  error: z.object({
    code: z.enum([
      "invalid-request",
      "invalid-form",
      "unknown-procedure",
      "not-found",
      "forbidden",
      "idempotency-conflict",
      "unauthorized",
      "internal",
    ]),
    message: z.string(),
    /** For invalid-form: field name → problem. */
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type PortalErrorBody = z.infer<typeof portalErrorSchema>;

/** Staff: POST /v1/staff/dossiers/{code}/status (Bearer token). */
export const statusChangeRequestSchema = z.object({
  status: statusCodeSchema,
  note: z.string().max(1000).nullable().default(null),
  /** Papers to add (with status 5). */
  requests: z.array(z.string().min(1).max(300)).max(20).default([]),
});
export type StatusChangeRequest = z.input<typeof statusChangeRequestSchema>;

/** Body of a status-change callback to motcua, signed with HMAC-SHA256. */
export const statusCallbackSchema = z.object({
  /** Unique per change: receivers deduplicate on it. */
  eventId: z.string().min(8),
  dossierCode: dossierCodeSchema,
  status: statusCodeSchema,
  statusLabel: z.string(),
  note: z.string().nullable(),
  requests: z.array(z.string()),
  appointmentDate: isoDate.nullable(),
  at: isoDateTime,
  contact: contactSchema,
});
export type StatusCallback = z.infer<typeof statusCallbackSchema>;

/** Headers of the callback: `X-Portal-Timestamp` (unix seconds) and `X-Portal-Signature`. */
export const SIGNATURE_HEADER = "x-portal-signature";
export const TIMESTAMP_HEADER = "x-portal-timestamp";
/** Lookups prove ownership with the owner's ID number or the dossier's access token (headers, never URLs). */
export const OWNER_ID_HEADER = "x-owner-id-number";
export const ACCESS_TOKEN_HEADER = "x-dossier-token";
