// The axios instance under the PortalClient: Bearer API key, per-attempt timeout, and axios-retry with
// exponential backoff + jitter on network errors, timeouts and 5xx only (never 4xx), POST included.
import axios, { AxiosError, type AxiosInstance } from "axios";
import axiosRetry, { isNetworkError, retryAfter } from "axios-retry";
import type { ResolvedPortalClientConfig } from "./config.js";

const TIMEOUT_CODES = new Set(["ETIMEDOUT", "ECONNABORTED"]);

export function isTimeout(error: AxiosError): boolean {
  return !error.response && error.code !== undefined && TIMEOUT_CODES.has(error.code);
}

export function isCanceled(error: AxiosError): boolean {
  return error.code === AxiosError.ERR_CANCELED;
}

/** Network errors, timeouts and 5xx answers are worth another attempt; 4xx and cancellation never. */
export function isRetryable(error: AxiosError): boolean {
  if (isCanceled(error)) return false;
  if (error.response) return error.response.status >= 500 && error.response.status <= 599;
  return isTimeout(error) || isNetworkError(error);
}

/** Exponential backoff with "equal jitter": half fixed, half random, capped; honours Retry-After. */
export function backoffDelay(
  retryNumber: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, retryNumber - 1));
  return Math.round(exp / 2 + (exp / 2) * random());
}

export function createHttp(config: ResolvedPortalClientConfig): AxiosInstance {
  const http = axios.create({
    baseURL: config.baseUrl,
    timeout: config.timeoutMs,
    headers: { Authorization: `Bearer ${config.apiKey}`, Accept: "application/json" },
    // We parse every body ourselves (JSON then zod), so a malformed body is a protocol error.
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    transitional: { clarifyTimeoutError: true, silentJSONParsing: true, forcedJSONParsing: false },
    maxRedirects: 0,
    maxContentLength: 1_000_000,
    proxy: false,
  });
  axiosRetry(http, {
    retries: config.retries,
    retryCondition: isRetryable,
    retryDelay: (n, error) =>
      Math.max(
        backoffDelay(n, config.backoffBaseMs, config.backoffMaxMs),
        Math.min(retryAfter(error), config.backoffMaxMs),
      ),
    // Every attempt gets the full per-attempt timeout; the total is bounded by an AbortSignal.
    shouldResetTimeout: true,
  });
  return http;
}

/** How many attempts axios-retry made for the request behind this error. */
export function attemptsOf(error: AxiosError): number {
  return (error.config?.["axios-retry"]?.retryCount ?? 0) + 1;
}
