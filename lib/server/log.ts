/**
 * Structured server logs: pino, one JSON object per line on stdout (pretty only on a terminal in
 * development, or with LOG_PRETTY=1), level from LOG_LEVEL (default "info").
 *
 * Correlation: every line carries the fields of the current log context — `requestId` for a web
 * request, `job`/`jobId` for a pg-boss job — taken from an AsyncLocalStorage by pino's `mixin`.
 * Why AsyncLocalStorage rather than passing the id along: the lines that matter are written deep in
 * code shared by web and worker (DAL, ingest, write-back); threading an id through every signature
 * would touch hundreds of functions and be forgotten in the next one. Next's own `headers()` only
 * works inside a request and not in the worker. The entry points we own set the context once:
 * `runAction`, `withRequestLog` (route handlers), `requestLog()` (pages) and the worker's job wrapper.
 *
 * Not `server-only`: the worker and CLI scripts log through it too.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import pretty from "pino-pretty";

export type LogContext = { requestId?: string; job?: string; jobId?: string; viewerId?: string };
export type { Logger };

/** Keys whose values never reach a log line, at the top level or one level down (e.g. `headers.cookie`). */
const SECRET_KEYS = [
  "authorization",
  "cookie",
  "set-cookie",
  "password",
  "passwordHash",
  "apiKey",
  "apiSecret",
  "secret",
  "secrets",
  "signingSecret",
  "signingKey",
  "clientSecret",
  "token",
  "accessToken",
  "refreshToken",
  "AUTH_SECRET",
  "WB_SECRETS_KEY",
];
export const REDACT_PATHS = SECRET_KEYS.flatMap((k) => {
  const key = /^[A-Za-z_$][\w$]*$/.test(k) ? k : `["${k}"]`;
  return [key, `*.${key}`.replace(".[", "["), `*.*.${key}`.replace(".[", "[")];
});

const globalForLog = globalThis as unknown as { workbenchLogContext?: AsyncLocalStorage<LogContext>; workbenchLogger?: Logger };
// One store and one logger per process even when Next loads this module in several bundles.
const contextStore = (globalForLog.workbenchLogContext ??= new AsyncLocalStorage<LogContext>());

function usePretty(): boolean {
  if (process.env.LOG_PRETTY === "1") return true;
  if (process.env.LOG_PRETTY === "0") return false;
  return Boolean(process.stdout.isTTY) && process.env.NODE_ENV !== "production";
}

/** A logger with our options writing to `destination` (stdout by default); tests pass a stream to read lines back. */
export function createLogger(destination?: DestinationStream, level = process.env.LOG_LEVEL ?? "info"): Logger {
  const stream = destination ?? (usePretty() ? pretty({ colorize: true, sync: true, translateTime: "SYS:HH:MM:ss.l" }) : pino.destination({ fd: 1, sync: true }));
  return pino(
    {
      level,
      // `service` (web | worker) is bound once by each process's entry point: instrumentation.ts, worker.ts.
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      mixin: () => ({ ...contextStore.getStore() }),
    },
    stream,
  );
}

/** The process logger. */
export const log: Logger = (globalForLog.workbenchLogger ??= createLogger());

/** Run `fn` with these fields on every log line it (and everything it awaits) writes; nested contexts merge. */
export function withLogContext<T>(context: LogContext, fn: () => T): T {
  return contextStore.run({ ...contextStore.getStore(), ...context }, fn);
}

/** The fields of the current log context (empty outside any). */
export function currentLogContext(): LogContext {
  return { ...contextStore.getStore() };
}

/** An Error as plain fields for a log line (message, name, stack; pino's `err` key does this too). */
export function errorFields(e: unknown): { err: { message: string; name?: string; stack?: string } } {
  return e instanceof Error ? { err: { message: e.message, name: e.name, stack: e.stack } } : { err: { message: String(e) } };
}
