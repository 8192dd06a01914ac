import { expect, test, type Page } from "@playwright/test";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { query, signIn } from "./support";

/** Collects CSP violations (DOM events and console reports) from every page the test opens. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (m) => {
    if (/Content Security Policy|Refused to (execute|load|apply)/i.test(m.text())) violations.push(`console: ${m.text()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      const w = window as unknown as { __csp?: string[] };
      (w.__csp ??= []).push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"} at ${e.sourceFile}:${e.lineNumber}`);
    });
  });
  return violations;
}

const domViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? []);

test("every response carries the security headers; scripts need a fresh nonce", async ({ request }) => {
  const first = await request.get("/login");
  const second = await request.get("/login");
  const h = first.headers();
  const csp = h["content-security-policy"];
  expect(csp).toBeTruthy();
  const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
  expect(scriptSrc).toMatch(/'nonce-[A-Za-z0-9+/=]{20,}' 'strict-dynamic'/);
  expect(scriptSrc).not.toContain("unsafe-inline");
  expect(scriptSrc).not.toContain("unsafe-eval");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("object-src 'none'");
  expect(second.headers()["content-security-policy"]).not.toBe(csp);
  // The page's scripts carry this response's nonce (Next read it from the request header set in proxy.ts).
  const nonce = /'nonce-([^']+)'/.exec(scriptSrc)![1];
  const html = await first.text();
  expect(html).toContain(`nonce="${nonce}"`);
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["x-frame-options"]).toBe("DENY");
  expect(h["referrer-policy"]).toBe("same-origin");
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["x-powered-by"]).toBeUndefined();
  // HSTS only over HTTPS (as a TLS-terminating proxy reports it); this server is plain HTTP.
  expect(h["strict-transport-security"]).toBeUndefined();
  const viaTls = await request.get("/login", { headers: { "x-forwarded-proto": "https" } });
  expect(viaTls.headers()["strict-transport-security"]).toBe("max-age=63072000; includeSubDomains");
  // API answers carry them too.
  const api = await request.get("/api/cases");
  expect(api.status()).toBe(401);
  expect(api.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(api.headers()["x-content-type-options"]).toBe("nosniff");
});

const PAGES: Record<string, { landing: RegExp; paths: string[] }> = {
  planner: { landing: /\/cases$/, paths: ["/cases", "/approvals", "/kpi"] },
  supervisor: { landing: /\/approvals$/, paths: ["/approvals", "/audit"] },
  admin: { landing: /\/admin$/, paths: ["/admin", "/admin/sources", "/admin/detection", "/admin/approvals", "/audit", "/kpi", "/no-such-page"] },
};

for (const [who, { landing, paths }] of Object.entries(PAGES)) {
  test(`no CSP violations on the main pages as ${who}`, async ({ page }) => {
    const violations = await watchCsp(page);
    await page.goto("/login");
    await signIn(page, who as "planner", landing);
    const [c] = await query<{ id: string }>(`select c.id from "Case" c join "Location" l on l.id = c."siteId" where l.code = 'DC-ATL' order by c.score desc limit 1`);
    for (const p of [...paths, ...(who === "planner" ? [`/cases/${c.id}`] : [])]) {
      await page.goto(p);
      await page.waitForLoadState("networkidle");
      // Hydrated: client components respond (the nav's sign-out button is interactive).
      if (p !== "/no-such-page") await expect(page.getByRole("button", { name: "Sign out", exact: true })).toBeEnabled();
      violations.push(...(await domViolations(page)).map((v) => `${p}: ${v}`));
    }
    expect(violations).toEqual([]);
  });
}

test("the login page hydrates under the CSP (the form signs in without a full-page post)", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, "executive", /\/kpi$/);
  violations.push(...(await domViolations(page)));
  expect(violations).toEqual([]);
});

test("the production build holds no trace of the test session seam", async () => {
  // lib/server/auth/session-claims.ts: the NODE_ENV=test branch must be compiled away.
  const hits: string[] = [];
  let readsClaims = 0; // the module itself is in the build (it reads the authTime claim)
  const walk = (dir: string) => {
    for (const e of readdirSync(dir)) {
      const p = path.join(dir, e);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(js|mjs|cjs)$/.test(e)) {
        const text = readFileSync(p, "utf8");
        if (text.includes("workbench.testSession")) hits.push(p);
        if (text.includes("authTime")) readsClaims++;
      }
    }
  };
  walk(path.join(process.cwd(), ".next/server"));
  expect(readsClaims).toBeGreaterThan(0);
  expect(hits).toEqual([]);
});
