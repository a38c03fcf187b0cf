// Field schemas shared by the environment schemas (motcua's own and the sandbox portal's), so a
// blank variable and a log level read the same everywhere.
import { z } from "zod";

/** A trimmed string; blank or unset reads as undefined (pipe it into the real check). */
export const optionalString = z
  .string()
  .trim()
  .transform((s) => (s === "" ? undefined : s))
  .optional();

/** LOG_LEVEL: pino's levels, "info" when unset. */
export const logLevelSchema = z
  .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"])
  .default("info");

export type LogLevel = z.infer<typeof logLevelSchema>;
