/**
 * fetch with a per-attempt timeout and retries with exponential backoff and full jitter, for calls to source systems.
 * Retried: network errors, timeouts, 429 (honouring Retry-After), 500/502/503/504, and — with `expectJson` — a 2xx
 * answer whose body is not JSON (cut off by a crashing source or a proxy). Not retried: 401/403 (SourceAuthError)
 * and every other non-2xx answer (SourceRequestError) — repeating a bad request only adds load on the source.
 * 500 is retried because ERPs answer it for lock timeouts and worker restarts; our writes carry idempotency keys.
 * `fetch`, `sleep` and `random` are injected so tests run in milliseconds and deterministically.
 */
import { SourceAuthError, SourceRequestError } from "./errors";
import { extractSourceMessage } from "./source-message";

export interface HttpRequest {
  url: string;
  method?: "GET" | "POST" | "PUT" | "DELETE";
  headers?: Record<string, string>;
  body?: string;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body, when the request was made with `expectJson`. */
  json?: unknown;
}

export interface RetryOptions {
  fetch: typeof fetch;
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** [0, 1) source for the jitter. */
  random?: () => number;
  /** Per attempt, including reading the body. */
  timeoutMs?: number;
  /** Total attempts, the first one included. */
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** A Retry-After longer than this is cut to it, so one answer cannot park a pull for an hour. */
  maxRetryAfterMs?: number;
  signal?: AbortSignal;
  log?: (message: string) => void;
  /** A 2xx body that does not parse as JSON is a retryable failure ("answer is not JSON"); the parsed body is returned. */
  expectJson?: boolean;
}

const RETRYABLE_STATUS = new Set([429, 500, 502, 503, 504]);

export const DEFAULT_RETRY = { timeoutMs: 30_000, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000, maxRetryAfterMs: 60_000 };

export async function requestWithRetry(request: HttpRequest, options: RetryOptions): Promise<HttpResponse> {
  const opts = { ...DEFAULT_RETRY, ...options };
  const sleep = options.sleep ?? defaultSleep;
  const random = options.random ?? Math.random;
  const method = request.method ?? "GET";
  const path = safePath(request.url);
  let lastError: RetryableError | null = null;

  for (let attempt = 0; attempt < opts.maxAttempts; attempt++) {
    if (attempt > 0 && lastError) {
      const delay = nextDelayMs(lastError, attempt - 1, opts, random);
      options.log?.(`${method} ${path}: ${lastError.sourceMessage ?? `HTTP ${lastError.status}`}; retry ${attempt}/${opts.maxAttempts - 1} in ${delay} ms`);
      await sleep(delay, options.signal);
    }
    options.signal?.throwIfAborted();
    const outcome = await attemptOnce(request, method, path, opts.timeoutMs, options);
    if ("response" in outcome) return outcome.response;
    if (!outcome.error.retryable) throw outcome.error;
    lastError = outcome.error;
  }
  throw new SourceRequestError({
    status: lastError?.status ?? null,
    method,
    path,
    sourceMessage: `gave up after ${opts.maxAttempts} attempts (last: ${lastError?.sourceMessage ?? `HTTP ${lastError?.status}`})`,
    retryable: true,
    cause: lastError,
  });
}

type RetryableError = SourceRequestError & { retryAfterMs?: number };
type Attempt = { response: HttpResponse } | { error: RetryableError };

async function attemptOnce(request: HttpRequest, method: string, path: string, timeoutMs: number, options: RetryOptions): Promise<Attempt> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
  const onCallerAbort = () => controller.abort(options.signal?.reason);
  options.signal?.addEventListener("abort", onCallerAbort, { once: true });
  try {
    const res = await options.fetch(request.url, { method, headers: request.headers, body: request.body, signal: controller.signal });
    const text = await res.text();
    if (res.status >= 200 && res.status < 300) {
      if (!options.expectJson) return { response: { status: res.status, headers: res.headers, text } };
      try {
        return { response: { status: res.status, headers: res.headers, text, json: JSON.parse(text) as unknown } };
      } catch {
        return { error: new SourceRequestError({ status: res.status, method, path, sourceMessage: `answer is not JSON (${text.length} bytes, cut off?)`, retryable: true }) };
      }
    }
    const sourceMessage = extractSourceMessage(text);
    if (res.status === 401 || res.status === 403) return { error: new SourceAuthError({ status: res.status, method, path, sourceMessage }) };
    const error: RetryableError = new SourceRequestError({
      status: res.status,
      method,
      path,
      sourceMessage,
      retryable: RETRYABLE_STATUS.has(res.status),
    });
    const retryAfter = parseRetryAfter(res.headers.get("retry-after"), Date.now());
    if (retryAfter !== null) error.retryAfterMs = retryAfter;
    return { error };
  } catch (err) {
    if (options.signal?.aborted) throw options.signal.reason ?? err;
    const reason = controller.signal.aborted ? (controller.signal.reason as Error).message : err instanceof Error ? err.message : String(err);
    return { error: new SourceRequestError({ status: null, method, path, sourceMessage: reason, retryable: true, cause: err }) };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener("abort", onCallerAbort);
  }
}

/** Full jitter (AWS architecture blog): uniform in [0, min(cap, base·2^n)]; Retry-After wins when the source sent one. */
export function nextDelayMs(
  error: { retryAfterMs?: number },
  retryIndex: number,
  opts: { baseDelayMs: number; maxDelayMs: number; maxRetryAfterMs: number },
  random: () => number,
): number {
  if (error.retryAfterMs !== undefined) return Math.min(error.retryAfterMs, opts.maxRetryAfterMs);
  const ceiling = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | null, nowMs: number): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - nowMs);
}

/** Only the path: query strings can carry tokens and filters we do not want in logs. */
function safePath(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname);
  } catch {
    return "(invalid URL)";
  }
}

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
