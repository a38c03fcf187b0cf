// Which channel users are one-stop officers: the id-list schema of STAFF_ZALO_IDS and STAFF_TELEGRAM_IDS
// (the latter sits with the Telegram settings), and isStaffSender, the pure check setting `fromStaff`.
import { z } from "zod";

/** Officers' user ids per push channel. */
export interface StaffIds {
  readonly telegram: ReadonlySet<string>;
  readonly zalo: ReadonlySet<string>;
}

/**
 * zod schema of a comma-separated list of user ids (blanks trimmed, empty entries dropped; empty = none),
 * each matching `pattern`, else `message` names what was expected.
 */
export function idListSchema(pattern: RegExp, message: string) {
  return z
    .string()
    .default("")
    .transform((text) =>
      text
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.string().regex(pattern, message)));
}

/** zod schema of STAFF_ZALO_IDS: comma-separated Zalo user ids (digits); empty = none. */
export const staffZaloIdsSchema = idListSchema(
  /^\d{1,30}$/,
  "mỗi mục phải là một mã số người dùng Zalo, cách nhau bằng dấu phẩy / each entry must be a numeric Zalo user id",
);

/** The id sets from the parsed lists (duplicates collapse). */
export function staffIdSets(telegram: readonly string[], zalo: readonly string[]): StaffIds {
  return { telegram: new Set(telegram), zalo: new Set(zalo) };
}

/**
 * Whether a message on `channel` from `userId` comes from a listed officer (then the channel sets
 * `fromStaff` and the assistant answers in forwarding mode). The web chat and the CLI have no staff.
 */
export function isStaffSender(
  config: { readonly staffIds: StaffIds },
  channel: string,
  userId: string | number,
): boolean {
  const id = String(userId).trim();
  if (channel === "telegram") return config.staffIds.telegram.has(id);
  if (channel === "zalo") return config.staffIds.zalo.has(id);
  return false;
}
