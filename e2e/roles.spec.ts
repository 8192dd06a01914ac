import { expect, test } from "@playwright/test";
import { signIn, signOut } from "./support";

// Each role lands where its work is, and sees only the navigation it may use.
const cases = [
  { who: "planner", landing: /\/cases$/, heading: "Case queue", nav: ["Case queue", "My requests", "My notifications"], hidden: ["Approvals", "KPIs", "Settings", "Audit log"] },
  { who: "supervisor", landing: /\/approvals$/, heading: "Approvals", nav: ["Case queue", "Approvals", "My requests", "KPIs", "Audit log", "My notifications"], hidden: ["Settings"] },
  // Finance decides high-value levels and reads cases and the audit log; it does not propose or triage.
  { who: "finance", landing: /\/approvals$/, heading: "Approvals", nav: ["Case queue", "Approvals", "KPIs", "Audit log", "My notifications"], hidden: ["My requests", "Settings"] },
  { who: "executive", landing: /\/kpi$/, heading: "KPIs", nav: ["Case queue", "KPIs", "Audit log", "My notifications"], hidden: ["Approvals", "My requests", "Settings"] },
  { who: "admin", landing: /\/admin$/, heading: "Settings", nav: ["Case queue", "Approvals", "KPIs", "Audit log", "Settings", "Approval policy", "My notifications"], hidden: [] },
] as const;

for (const c of cases) {
  test(`${c.who} signs in and lands on ${c.heading}`, async ({ page }) => {
    await signIn(page, c.who, c.landing);
    await expect(page.getByRole("heading", { level: 1, name: c.heading })).toBeVisible();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of c.nav) await expect(nav.getByRole("link", { name: label })).toBeVisible();
    for (const label of c.hidden) await expect(nav.getByRole("link", { name: label })).toHaveCount(0);
    await signOut(page);
  });
}

test("signed-out visitors are sent to the login page, and bad passwords are refused", async ({ page }) => {
  await page.goto("/cases");
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fcases/);
  await page.getByLabel("E-mail").fill("planner@demo.local");
  await page.getByLabel("Password").fill("wrong-password");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Sign-in failed" })).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("pages a role may not use are refused on the server, not just hidden", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/approvals");
  // A planner sees only their own requests there: no inbox, nothing to decide.
  await expect(page.getByText("Only supervisors, finance and admins decide actions.")).toBeVisible();
  await expect(page.getByTestId("approvals-list")).toHaveCount(0);
  await expect(page.getByTestId("approve-button")).toHaveCount(0);
  await page.goto("/admin");
  await expect(page.getByText("Only admins can open settings.")).toBeVisible();
  await page.goto("/admin/approvals");
  await expect(page.getByText("Only admins can change the approval policy.")).toBeVisible();
});
