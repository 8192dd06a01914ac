/**
 * Response security headers, set by proxy.ts on every page and API response (static assets get the
 * fixed ones from next.config.js). Pure functions of the request's facts, so they are unit-tested.
 */

export type CspOptions = { nonce: string; dev: boolean; https: boolean; extraFormActions?: string[] };

/**
 * Scripts: only those carrying this request's nonce, and what they load ('strict-dynamic'); no
 * 'unsafe-inline' and no 'unsafe-eval' (development needs eval for React's debugging aids).
 * Styles keep 'unsafe-inline': React renders `style` attributes (chart sizes, progress bars, Recharts
 * SVG) that a nonce cannot cover; style injection cannot run script, and every other source is 'self'.
 */
export function contentSecurityPolicy({ nonce, dev, https, extraFormActions = [] }: CspOptions): string {
  const directives = [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${dev ? " ws:" : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    `form-action 'self'${extraFormActions.map((o) => ` ${o}`).join("")}`,
    "frame-ancestors 'none'",
    "worker-src 'self' blob:",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** HSTS only in production and only over HTTPS (as the browser saw it: directly or via a TLS-terminating proxy). */
export function strictTransportSecurity(production: boolean, https: boolean): string | null {
  return production && https ? "max-age=63072000; includeSubDomains" : null;
}

/** Whether the browser reached us over HTTPS. */
export function viaHttps(protocol: string, forwardedProto: string | null): boolean {
  return protocol === "https:" || forwardedProto?.split(",")[0].trim() === "https";
}

/** A fresh nonce: 16 random bytes, base64. */
export function newNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

/** The origin of the configured OIDC issuer, which the sign-in flow may hand the browser to. */
export function oidcOrigin(issuer: string | undefined): string | null {
  if (!issuer) return null;
  try {
    return new URL(issuer).origin;
  } catch {
    return null;
  }
}
