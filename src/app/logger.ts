// Logger factory (pino, JSON lines). Created by the composition root from config, never at import
// time; personal-data fields are redacted wherever they appear.
import { pino, type Logger } from "pino";

export type { Logger };

/** Field names that may carry personal data; their values are replaced by "[redacted]". */
const REDACT = ["*.text", "*.query", "*.cccd", "*.phone", "*.name", "*.fullName", "text", "query"];

/** Creates the application logger. `destination` defaults to stdout. */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    { level, redact: { paths: REDACT, censor: "[redacted]" }, base: { app: "motcua" } },
    destination ?? process.stdout,
  );
}
