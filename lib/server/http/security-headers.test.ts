import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { contentSecurityPolicy, newNonce, oidcOrigin, strictTransportSecurity, viaHttps } from "@/lib/server/http/security-headers";
import { isSameOrigin } from "@/lib/server/http/same-origin";

const directive = (csp: string, name: string) => csp.split("; ").find((d) => d.startsWith(`${name} `)) ?? "";

describe("security headers", () => {
  it("scripts need this request's nonce: no 'unsafe-inline', no 'unsafe-eval' in production", () => {
    const csp = contentSecurityPolicy({ nonce: "abc123", dev: false, https: false });
    assert.equal(directive(csp, "script-src"), "script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    assert.doesNotMatch(directive(csp, "script-src"), /unsafe/);
    assert.equal(directive(csp, "frame-ancestors"), "frame-ancestors 'none'");
    assert.equal(directive(csp, "object-src"), "object-src 'none'");
    assert.equal(directive(csp, "base-uri"), "base-uri 'self'");
    assert.doesNotMatch(csp, /upgrade-insecure-requests/);
    assert.match(contentSecurityPolicy({ nonce: "n", dev: true, https: false }), /'unsafe-eval'/, "development only");
    assert.match(contentSecurityPolicy({ nonce: "n", dev: false, https: true }), /upgrade-insecure-requests$/);
    assert.equal(directive(contentSecurityPolicy({ nonce: "n", dev: false, https: false, extraFormActions: ["https://sso.example"] }), "form-action"), "form-action 'self' https://sso.example");
  });
  it("HSTS only in production over HTTPS", () => {
    assert.equal(strictTransportSecurity(true, true), "max-age=63072000; includeSubDomains");
    assert.equal(strictTransportSecurity(true, false), null);
    assert.equal(strictTransportSecurity(false, true), null);
    assert.equal(viaHttps("http:", "https"), true);
    assert.equal(viaHttps("http:", "http"), false);
    assert.equal(viaHttps("https:", null), true);
  });
  it("nonces are fresh and unguessable; the OIDC origin is parsed safely", () => {
    const a = newNonce();
    assert.notEqual(a, newNonce());
    assert.equal(Buffer.from(a, "base64").length, 16);
    assert.equal(oidcOrigin("https://sso.example/realms/x/"), "https://sso.example");
    assert.equal(oidcOrigin("not a url"), null);
    assert.equal(oidcOrigin(undefined), null);
  });
  it("same-origin check: Origin must name this host; without Origin only Sec-Fetch-Site same-origin passes", () => {
    const h = (init: Record<string, string>) => new Headers(init);
    assert.equal(isSameOrigin(h({ host: "wb.example", origin: "https://wb.example" })), true);
    assert.equal(isSameOrigin(h({ host: "wb.example", origin: "https://evil.example" })), false);
    assert.equal(isSameOrigin(h({ host: "wb.example", origin: "https://wb.example.evil.example" })), false);
    assert.equal(isSameOrigin(h({ host: "internal:3000", "x-forwarded-host": "wb.example", origin: "https://wb.example" })), true, "behind a proxy");
    assert.equal(isSameOrigin(h({ host: "wb.example", origin: "null" })), false);
    assert.equal(isSameOrigin(h({ host: "wb.example" })), false);
    assert.equal(isSameOrigin(h({ host: "wb.example", "sec-fetch-site": "same-origin" })), true);
    assert.equal(isSameOrigin(h({ host: "wb.example", "sec-fetch-site": "cross-site" })), false);
    assert.equal(isSameOrigin(h({ host: "wb.example", origin: "::::" })), false);
  });
});
