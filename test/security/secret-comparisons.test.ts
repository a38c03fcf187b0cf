// Every webhook, callback and credential check compares secrets in constant time: the code that
// checks secrets uses sameSecret / timingSafeEqual, and no plain ===/!== on a secret-like value remains.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = new URL("../../", import.meta.url).pathname;

/** Code that receives or checks secrets: webhooks, callbacks, staff auth, signed links, the sandbox portal. */
const AUDITED = [
  "src/channels/telegram/webhook.ts",
  "src/channels/zalo/webhook.ts",
  "src/channels/common/secret.ts",
  "src/http",
  "src/portal/signature.ts",
  "src/portal/client/callback.ts",
  "src/portal/sandbox",
  "src/receipts/links.ts",
];

/** Files that check a presented secret and must do it in constant time. */
const CHECKERS: Record<string, RegExp> = {
  "src/channels/telegram/webhook.ts": /sameSecret\(/,
  "src/channels/zalo/webhook.ts": /sameSecret\(/,
  "src/channels/common/secret.ts": /timingSafeEqual\(/,
  "src/portal/signature.ts": /timingSafeEqual\(/,
  "src/http/staff-auth.ts": /timingSafeEqual\(/,
  "src/receipts/links.ts": /timingSafeEqual\(/,
  "src/portal/sandbox/secrets.ts": /timingSafeEqual\(/,
};

const SECRETISH = String.raw`[\w.?()\[\]"']*(?:secret|token|signature|password|apikey|api_key|hash|csrf|ownerid)[\w.?()\[\]"']*`;
const PLAIN_COMPARISON = new RegExp(
  String.raw`${SECRETISH}\s*[!=]==\s*[\w.?()\[\]"']+|[\w.?()\[\]"']+\s*[!=]==\s*${SECRETISH}`,
  "gi",
);
/** Comparisons that reveal nothing: presence, type, length, kinds and header names. */
const HARMLESS =
  /(?:[!=]==\s*(?:null|undefined|""|0)\b)|(?:\b(?:null|undefined)\s*[!=]==)|\.length\b|typeof\b|\.kind\b|\.size\b/;

/** Reviewed matches that compare no secret, with the reason. */
const REVIEWED: Record<string, string> = {
  "src/portal/sandbox/store.ts: (row.request_hash !== fingerprint)":
    "idempotency fingerprint of a request body (is it the same request?), not a credential",
};

function files(path: string): string[] {
  const full = join(ROOT, path);
  if (statSync(full).isFile()) return [full];
  return readdirSync(full).flatMap((f) => files(join(path, f)));
}

/** Lines comparing a secret-like value with ===/!==, outside comments. */
export function plainSecretComparisons(source: string): string[] {
  return source
    .split("\n")
    .map((line) => line.replace(/\/\/.*$/, "").trim())
    .filter((line) => !line.startsWith("*") && !line.startsWith("/*"))
    .flatMap((line) => (line.match(PLAIN_COMPARISON) ?? []).filter((m) => !HARMLESS.test(m)));
}

describe("constant-time secret comparisons", () => {
  it("the scanner catches a plain comparison of a secret (it is not vacuous)", () => {
    expect(
      plainSecretComparisons('if (c.req.header("x-secret") === deps.secret) return next();'),
    ).toHaveLength(1);
    expect(plainSecretComparisons("return given !== expectedToken;")).toHaveLength(1);
    expect(plainSecretComparisons("if (deps.secret === null) return;")).toHaveLength(0);
  });

  it("no webhook, callback or credential code compares a secret with === or !==", () => {
    const found = AUDITED.flatMap(files)
      .filter((f) => f.endsWith(".ts"))
      .flatMap((f) =>
        plainSecretComparisons(readFileSync(f, "utf8")).map((m) => `${relative(ROOT, f)}: ${m}`),
      )
      .filter((m) => !(m in REVIEWED));
    expect(found).toEqual([]);
  });

  it.each(Object.entries(CHECKERS))("%s checks in constant time", (file, pattern) => {
    expect(readFileSync(join(ROOT, file), "utf8")).toMatch(pattern);
  });
});
