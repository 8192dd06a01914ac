import { expect, test } from "@playwright/test";
import { query, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

// No serious or critical axe violations on the screens people live in.
test("login, queue and case page have no serious accessibility violations", async ({ page }) => {
  await page.goto("/login");
  await expectAccessible(page);
  await signIn(page, "planner", /\/cases$/);
  await expect(page.getByTestId("case-row").first()).toBeVisible();
  await expectAccessible(page);
  // A shortage case at one of the planner's sites: its page carries the projection chart as well.
  const [shortage] = await query<{ id: string }>(
    `SELECT c.id FROM "Case" c JOIN "UserSite" us ON us."locationId" = c."siteId" AND us."userId" = 'usr_planner'
     WHERE c.status = 'OPEN' AND c."itemId" IS NOT NULL
       AND c."primaryType" IN ('STOCKOUT_DESPITE_INBOUND', 'PROJECTED_STOCKOUT_NO_SUPPLY', 'STOCKOUT_NOW', 'PO_NO_ASN', 'PO_PAST_DUE')
     ORDER BY c.score DESC LIMIT 1`,
  );
  await page.goto(`/cases/${shortage.id}`);
  await expect(page.getByTestId("score-total")).toBeVisible();
  await expect(page.getByTestId("projection-chart")).toBeVisible();
  await expectAccessible(page);
});

test("approvals, KPI and audit pages have no serious accessibility violations", async ({ page }) => {
  await signIn(page, "supervisor", /\/approvals$/);
  await expectAccessible(page);
  await page.goto("/kpi");
  await expect(page.getByTestId("kpi-tiles")).toBeVisible();
  await expectAccessible(page);
  await page.goto("/audit");
  await expect(page.getByTestId("audit-table")).toBeVisible();
  await expectAccessible(page);
});
