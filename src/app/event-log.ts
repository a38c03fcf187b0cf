// The core's EventLog backed by pino. The core only passes ids, counts and reasons; pino's
// redaction (logger.ts) is a second line of defence against personal data in logs.
import type { EventLog } from "../core/ports.js";
import type { Logger } from "./logger.js";

export function pinoEventLog(logger: Logger): EventLog {
  return {
    info: (event, data = {}) => logger.info({ ...data, event }, event),
    warn: (event, data = {}) => logger.warn({ ...data, event }, event),
    error: (event, data = {}) => logger.error({ ...data, event }, event),
  };
}
