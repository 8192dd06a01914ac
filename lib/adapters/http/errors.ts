/**
 * Errors a source request ends with. Messages name the method, the URL path and the source's own message — never the
 * query string, headers or body we sent, which may carry credentials.
 */
export class SourceRequestError extends Error {
  readonly status: number | null;
  readonly method: string;
  readonly path: string;
  readonly sourceMessage: string | null;
  /** True when repeating the request later could succeed (network error, 429, 5xx). */
  readonly retryable: boolean;

  constructor(init: { status: number | null; method: string; path: string; sourceMessage: string | null; retryable?: boolean; cause?: unknown; prefix?: string }) {
    const where = `${init.method} ${init.path}`;
    const what = init.status === null ? "failed" : `answered HTTP ${init.status}`;
    super(`${init.prefix ?? "Source request"}: ${where} ${what}${init.sourceMessage ? `: ${init.sourceMessage}` : ""}`, { cause: init.cause });
    this.name = "SourceRequestError";
    this.status = init.status;
    this.method = init.method;
    this.path = init.path;
    this.sourceMessage = init.sourceMessage;
    this.retryable = init.retryable ?? false;
  }
}

/** The source refused our credentials (HTTP 401/403, Odoo AccessDenied): fix the API key, retrying will not help. */
export class SourceAuthError extends SourceRequestError {
  constructor(init: { status: number | null; method: string; path: string; sourceMessage: string | null; cause?: unknown }) {
    super({ ...init, retryable: false, prefix: "Source rejected the credentials" });
    this.name = "SourceAuthError";
  }
}
