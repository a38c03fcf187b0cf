// The staff console's accounts setting: STAFF_ACCOUNTS = "user:scrypt$N$r$p$salt$hash,…" as printed
// by `npm run staff:hash`. Parsed and checked here so a malformed entry fails at start, by name.
import { z } from "zod";

/** One staff login: a username and its scrypt hash (never the password). */
export interface StaffAccount {
  readonly username: string;
  /** "scrypt$N$r$p$salt$hash" (salt and hash base64url). */
  readonly hash: string;
}

const USERNAME = /^[\p{L}\p{N}._-]{1,64}$/u;
const SCRYPT_HASH = /^scrypt\$\d{1,8}\$\d{1,3}\$\d{1,3}\$[A-Za-z0-9_-]{16,128}\$[A-Za-z0-9_-]{16,256}$/;

/** zod schema of STAFF_ACCOUNTS: empty = no accounts; duplicates and bad entries are refused. */
export const staffAccountsSchema = z
  .string()
  .trim()
  .default("")
  .transform((text, ctx): StaffAccount[] => {
    const entries = text === "" ? [] : text.split(",").map((e) => e.trim());
    const accounts: StaffAccount[] = [];
    for (const [i, entry] of entries.entries()) {
      const colon = entry.indexOf(":");
      const username = entry.slice(0, colon).normalize("NFC");
      const hash = entry.slice(colon + 1);
      if (colon < 1 || !USERNAME.test(username) || !SCRYPT_HASH.test(hash)) {
        ctx.addIssue({
          code: "custom",
          message: `mục thứ ${i + 1} phải có dạng tên:scrypt$… (tạo bằng npm run staff:hash) / entry ${i + 1} must be user:scrypt$…`,
        });
      } else if (accounts.some((a) => a.username === username)) {
        ctx.addIssue({ code: "custom", message: `tên đăng nhập trùng / duplicate username: ${username}` });
      } else accounts.push({ username, hash });
    }
    return accounts;
  });
