import type { AdapterContext } from "@/lib/adapters/types";
import type { RetryOptions } from "./request-with-retry";

/** Retry options for an adapter call: the context's fetch, signal and log, plus the source's retry settings. */
export function retryOptionsFor(ctx: AdapterContext<unknown>, settings: { timeoutMs?: number; maxAttempts?: number; baseDelayMs?: number }): RetryOptions {
  return { fetch: ctx.fetch, signal: ctx.signal, log: ctx.log, ...settings };
}
