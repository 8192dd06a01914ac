import { expect, test, type Browser } from "@playwright/test";
import { encode } from "next-auth/jwt";
import { PASSWORD, query, signIn } from "./support";

/** A throw-away account (same password as the demo users) so these tests never lock or end a shared demo session. */
async function disposableUser(tag: string, role = "planner"): Promise<string> {
  const email = `e2e-${tag}-${Date.now()}@demo.local`;
  const [planner] = await query<{ passwordHash: string }>(`select "passwordHash" from "User" where email = 'planner@demo.local'`);
  await query(`insert into "User" (id, email, name, role, "passwordHash", "sessionVersion") values ($1, $2, $3, $4, $5, 0)`, [`usr_e2e_${tag}_${Date.now()}`, email, `E2E ${tag}`, role, planner.passwordHash]);
  await query(`insert into "UserSite" ("userId", "locationId") select id, 'loc_dc_atl' from "User" where email = $1`, [email]);
  return email;
}

async function signInAs(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL(/\/cases$/);
  return { context, page };
}

test("'Sign out everywhere' in one browser signs the other browser out on its next request", async ({ browser }) => {
  const email = await disposableUser("everywhere");
  const a = await signInAs(browser, email);
  const b = await signInAs(browser, email);
  await a.page.getByRole("button", { name: "Sign out everywhere" }).click();
  await a.page.getByRole("button", { name: "Yes, sign out everywhere" }).click();
  await expect(a.page).toHaveURL(/\/login/);
  // B still holds its cookie, but the server refuses the older session version.
  await b.page.goto("/cases");
  await expect(b.page).toHaveURL(/\/login/);
  const api = await b.page.request.get("/api/notifications");
  expect(api.status()).toBe(401);
  const audit = await query(`select 1 from "AuditEntry" a join "User" u on u.id = a."entityId" where u.email = $1 and a.action = 'auth.signed_out_everywhere'`, [email]);
  expect(audit).toHaveLength(1);
  await a.context.close();
  await b.context.close();
});

test("an admin deactivating a user ends that user's open session", async ({ browser, page }) => {
  const email = await disposableUser("deactivate");
  const victim = await signInAs(browser, email);
  await signIn(page, "admin", /\/admin$/);
  const row = page.getByTestId(`user-row-${email}`);
  await row.getByRole("button", { name: /^Deactivate/ }).click();
  await expect(row.getByRole("status")).toContainText("deactivated and signed out");
  await expect(row.getByText("inactive")).toBeVisible();
  await victim.page.goto("/cases");
  await expect(victim.page).toHaveURL(/\/login/);
  // And cannot sign in again while inactive.
  await victim.page.getByLabel("E-mail").fill(email);
  await victim.page.getByLabel("Password").fill(PASSWORD);
  await victim.page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(victim.page.getByText("Sign-in failed. Check your e-mail and password.")).toBeVisible();
  await victim.context.close();
});

test("a session past its absolute lifetime is refused even with a validly signed cookie", async ({ browser, baseURL }) => {
  const [planner] = await query<{ id: string; sessionVersion: number }>(`select id, "sessionVersion" from "User" where email = 'planner@demo.local'`);
  const secret = process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";
  const cookieFor = async (authTime: number) =>
    encode({ secret, token: { uid: planner.id, sv: planner.sessionVersion, authTime, email: "planner@demo.local" } });
  const context = await browser.newContext();
  const url = new URL(baseURL!);
  // 13 hours ago: past the default 12-hour SESSION_MAX_AGE_HOURS, though the JWT itself is fresh and validly signed.
  await context.addCookies([{ name: "next-auth.session-token", value: await cookieFor(Math.floor(Date.now() / 1000) - 13 * 3600), domain: url.hostname, path: "/" }]);
  const page = await context.newPage();
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login/);
  expect((await page.request.get("/api/cases")).status()).toBe(401);
  // The same forged-fresh cookie signed in 1 hour ago works: the refusal above is the lifetime, not the forgery.
  await context.clearCookies();
  await context.addCookies([{ name: "next-auth.session-token", value: await cookieFor(Math.floor(Date.now() / 1000) - 3600), domain: url.hostname, path: "/" }]);
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/cases$/);
  await context.close();
});

test("5 failed sign-ins lock the account for 15 minutes with a clear message; the right password waits too", async ({ page }) => {
  const email = await disposableUser("lockout");
  await page.goto("/login");
  for (let i = 1; i <= 5; i++) {
    await page.getByLabel("E-mail").fill(email);
    await page.getByLabel("Password").fill(`wrong-${i}`);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    const expected = i < 5 ? "Sign-in failed. Check your e-mail and password." : /Too many failed sign-ins\. Sign-in is locked for 15 more minutes/;
    await expect(page.getByRole("alert").filter({ hasText: expected })).toBeVisible();
  }
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: /Too many failed sign-ins/ })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
  const audit = await query<{ action: string }>(`select a.action from "AuditEntry" a join "User" u on u.id = a."entityId" where u.email = $1 order by a.seq`, [email]);
  expect(audit.map((a) => a.action)).toEqual(["auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.signin_failed", "auth.locked"]);
});
