// A small Zalo Bot Platform client over axios: POST JSON to <root>/bot<TOKEN>/<method>, the loose
// {ok, result, error_code, description} envelope parsed with zod, failures mapped to channel errors.
import axios, { type AxiosInstance } from "axios";
import { z } from "zod";
import { zaloError } from "./errors.js";

const envelopeSchema = z.looseObject({
  ok: z.boolean().optional().catch(undefined),
  result: z.unknown().optional(),
  error_code: z.coerce.number().int().optional().catch(undefined),
  description: z.string().optional().catch(undefined),
});

export interface ZaloClientOptions {
  /** API root without a trailing slash (https://bot-api.zaloplatforms.com or a local emulation). */
  readonly apiRoot: string;
  /** The bot token; it is part of every URL, so URLs never leave this file. */
  readonly token: string;
  /** Per-call timeout (default 15 s); getUpdates adds its long-poll time. */
  readonly timeoutMs?: number;
  /** First wait after a 429 (default 1 s); doubles with each 429 in a row up to `backoffMaxMs`. */
  readonly backoffBaseMs?: number;
  readonly backoffMaxMs?: number;
}

/** What one API call gave: the result, or Zalo's error code and description. */
type Outcome =
  | { readonly ok: true; readonly result: unknown }
  | { readonly ok: false; readonly code: number; readonly description: string };

/** The methods motcua uses; every failure is a ChannelRetryError or ChannelRejectedError. */
export interface ZaloClient {
  sendMessage(chatId: string, text: string): Promise<void>;
  sendPhoto(chatId: string, photoUrl: string, caption?: string): Promise<void>;
  sendChatAction(chatId: string, action?: "typing"): Promise<void>;
  /** One update, or null when the long poll ended empty (error_code 408). */
  getUpdates(timeoutSeconds: number, signal?: AbortSignal): Promise<unknown>;
  getMe(): Promise<unknown>;
  /** Aborts every call in flight (shutdown). */
  close(): void;
}

/** Creates a client; it keeps the count of 429s in a row to back off further each time. */
export function createZaloClient(options: ZaloClientOptions): ZaloClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const backoff = { base: options.backoffBaseMs ?? 1_000, max: options.backoffMaxMs ?? 30_000 };
  const closing = new AbortController();
  const http: AxiosInstance = axios.create({
    baseURL: `${options.apiRoot}/bot${options.token}/`,
    timeout: timeoutMs,
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    responseType: "text",
    transformResponse: [(data: unknown) => data],
    validateStatus: () => true,
    maxRedirects: 0,
    maxContentLength: 1_000_000,
    proxy: false,
  });
  let tooMany = 0;

  async function request(
    method: string,
    body: object,
    extra: { timeoutMs?: number; signal?: AbortSignal } = {},
  ): Promise<Outcome> {
    const signals = extra.signal ? [closing.signal, extra.signal] : [closing.signal];
    let status: number;
    let data: unknown;
    try {
      const res = await http.post<string>(method, body, {
        timeout: extra.timeoutMs ?? timeoutMs,
        signal: AbortSignal.any(signals),
      });
      status = res.status;
      data = res.data;
    } catch (err) {
      throw zaloError.network(method, err, options.token);
    }
    const envelope = envelopeSchema.safeParse(parseJson(data));
    const env = envelope.success ? envelope.data : null;
    if (env?.ok === true && status < 400) return { ok: true, result: env.result };
    const code = env?.error_code ?? (status >= 400 ? status : 502);
    return { ok: false, code, description: env?.description ?? "" };
  }

  async function call(method: string, body: object = {}): Promise<unknown> {
    const outcome = await request(method, body);
    if (outcome.ok) {
      tooMany = 0;
      return outcome.result;
    }
    if (outcome.code === 429) tooMany += 1;
    throw zaloError.api(method, outcome.code, outcome.description, options.token, backoffMs(tooMany));
  }

  /** Equal-jitter exponential backoff: Zalo documents 429 but no retry-after. */
  function backoffMs(streak: number): number {
    const full = Math.min(backoff.max, backoff.base * 2 ** Math.max(0, streak - 1));
    return Math.round(full / 2 + (full / 2) * Math.random());
  }

  return {
    async sendMessage(chatId, text) {
      await call("sendMessage", { chat_id: chatId, text });
    },
    async sendPhoto(chatId, photoUrl, caption) {
      await call("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
    },
    async sendChatAction(chatId, action = "typing") {
      await call("sendChatAction", { chat_id: chatId, action });
    },
    async getUpdates(timeoutSeconds, signal) {
      const waitMs = (timeoutSeconds + 15) * 1000;
      const outcome = await request(
        "getUpdates",
        { timeout: String(timeoutSeconds) },
        { timeoutMs: waitMs, ...(signal ? { signal } : {}) },
      );
      if (outcome.ok) return outcome.result ?? null;
      if (outcome.code === 408) return null;
      throw zaloError.api("getUpdates", outcome.code, outcome.description, options.token, undefined);
    },
    getMe: () => call("getMe"),
    close: () => closing.abort(),
  };
}

function parseJson(data: unknown): unknown {
  if (typeof data !== "string") return data;
  try {
    return JSON.parse(data) as unknown;
  } catch {
    return null;
  }
}
