import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { expectAccessible } from "./accessibility-check";
import { query, signIn } from "./support";

/**
 * The KPI dashboard in the browser: an executive sees the tiles and charts, changes the range and comparison (kept in
 * the URL), drills down from a chart to the filtered case queue and exports a chart's data as CSV; a supervisor sees
 * only their sites and their team; a planner is refused. No serious or critical axe violations.
 */
/** Open cases per site code, opened in the default 90-day range (what the by-site breakdown counts). */
async function openedBySite(siteCodes?: string[]) {
  return query<{ code: string; opened: string }>(
    `SELECT l.code, count(*) AS opened FROM "Case" c JOIN "Location" l ON l.id = c."siteId"
     WHERE c."openedAt" >= date_trunc('day', now() AT TIME ZONE 'UTC') - interval '89 days' AND ($1::text[] IS NULL OR l.code = ANY($1)) GROUP BY 1 ORDER BY 2 DESC, 1`,
    [siteCodes ?? null],
  );
}

test("executive: tiles, charts, range and comparison in the URL, drill-down to the queue, CSV export", async ({ page }) => {
  await signIn(page, "executive", /\/kpi$/);
  await expect(page.getByTestId("kpi-tiles")).toBeVisible(); // live tiles stay
  await expect(page.getByTestId("headline-tiles")).toBeVisible();
  await expect(page.getByTestId("tile-sla-value")).toBeVisible();
  await expect(page.getByTestId("card-timeseries").locator(".recharts-surface").first()).toBeVisible();
  await expect(page.getByTestId("card-pareto").getByTestId("drill-link").first()).toBeVisible();
  await expect(page.getByTestId("kpi-snapshot")).toContainText("Figures as of");

  // The by-site breakdown shows what the database holds for the period.
  const expected = await openedBySite();
  expect(expected.length).toBeGreaterThan(1);
  const breakdown = page.getByTestId("card-breakdown");
  await expect(breakdown.getByTestId("drill-link").first()).toHaveText(expected[0].code);

  // Range: a preset and the comparison period land in the URL and the period line.
  await page.getByRole("button", { name: "30 days" }).click();
  await expect(page).toHaveURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
  await expect(page.getByTestId("kpi-period")).toContainText("(30 days)");
  await page.getByLabel("Compare with").selectOption("year");
  await expect(page).toHaveURL(/compare=year/);
  await expect(page.getByTestId("kpi-period")).toContainText(`vs ${new Date().getUTCFullYear() - 1}-`);
  await expect(page.getByTestId("headline-tiles")).toBeVisible();

  // CSV of the by-site chart: the same rows, header first.
  const download = page.waitForEvent("download");
  await breakdown.getByTestId("csv-breakdown").click();
  const file = await (await download).path();
  const lines = readFileSync(file!, "utf8").trim().split("\r\n");
  expect(lines[0]).toBe("site,opened,exposure_usd,still_open,resolved");
  const last30 = await query<{ code: string; opened: string }>(
    `SELECT l.code, count(*) AS opened FROM "Case" c JOIN "Location" l ON l.id = c."siteId"
     WHERE c."openedAt" >= date_trunc('day', now() AT TIME ZONE 'UTC') - interval '29 days' GROUP BY 1 ORDER BY 2 DESC, 1`,
  );
  expect(lines.slice(1).map((l) => l.split(",").slice(0, 2).join(","))).toEqual(last30.map((r) => `${r.code},${r.opened}`));

  // Drill-down: the top site's link opens the queue filtered to that site, all statuses.
  await breakdown.getByTestId("drill-link").first().click();
  await expect(page).toHaveURL(new RegExp(`/cases\\?site=${last30[0].code}&status=`));
  await expect(page.getByTestId("case-row").first()).toBeVisible();
  await expect(page.getByTestId("queue-count")).toBeVisible();

  // Pareto drill-down: a type filter.
  await page.goBack();
  await expect(page.getByTestId("card-pareto").getByTestId("drill-link").first()).toBeVisible();
  await page.getByTestId("card-pareto").getByTestId("drill-link").first().click();
  await expect(page).toHaveURL(/\/cases\?type=[A-Z_]+/);
  await expect(page.getByTestId("case-row").first()).toBeVisible();
});

test("supervisor sees only their sites and their team; definitions page; no serious axe violations", async ({ page }) => {
  await signIn(page, "supervisor", /\/approvals$/);
  await page.goto("/kpi");
  const breakdown = page.getByTestId("card-breakdown");
  await expect(breakdown.getByTestId("drill-link").first()).toBeVisible();
  const own = await openedBySite(["DC-ATL", "DC-NJ"]);
  await expect(breakdown.getByTestId("drill-link")).toHaveText(own.map((r) => r.code));
  await expect(page.getByTestId("card-team")).toBeVisible();
  await expect(page.getByTestId("card-suppliers")).toBeVisible();
  // Every card has settled (data, empty or error) before the audit.
  await expect(page.locator("[aria-busy=true]")).toHaveCount(0, { timeout: 20_000 });
  await expectAccessible(page);

  await page.getByRole("link", { name: "KPI definitions" }).click();
  await expect(page).toHaveURL(/\/kpi\/definitions$/);
  const defs = page.getByTestId("kpi-definitions");
  for (const [id, label] of [["detection_latency", "Detection latency"], ["otif", "OTIF (inbound, per PO line)"], ["inventory_record_accuracy", "Inventory record accuracy"], ["at_risk_resolved_in_time", "$ at risk resolved in time"]])
    await expect(defs.locator(`[id="${id}"] dt`)).toContainText(label);
  await expect(defs.locator('[id="otif"]')).toContainText("last-confirmed promise");
  await expectAccessible(page);
});

test("a planner is refused the dashboard and its data", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await expect(page.getByRole("link", { name: "KPIs" })).toHaveCount(0);
  await page.goto("/kpi");
  await expect(page.getByText("Your role cannot read KPIs.")).toBeVisible();
  const res = await page.request.get("/api/kpi/headline");
  expect(res.status()).toBe(403);
});
