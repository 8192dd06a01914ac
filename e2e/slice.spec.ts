import { expect, test, type Page } from "@playwright/test";
import { query, signIn, signOut } from "./support";

/**
 * The whole thin slice in the browser: ranked queue → case page with score breakdown and timeline →
 * planner proposes → supervisor approves → audit entry → KPI tile changes.
 */
async function coveredUsd(page: Page): Promise<string> {
  await page.goto("/kpi");
  const tile = page.getByTestId("kpi-covered-value");
  await expect(tile).toBeVisible();
  return (await tile.textContent()) ?? "";
}

test("planner proposes, supervisor approves, audit and KPI reflect it", async ({ page }) => {
  // Supervisor: KPI before (planners have no KPI dashboard); then the planner takes the top case of the ranked queue.
  await signIn(page, "supervisor", /\/approvals$/);
  const coveredBefore = await coveredUsd(page);
  await signOut(page);
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases");
  const rows = page.getByTestId("case-row");
  await expect(rows.first()).toBeVisible();
  expect(await rows.count()).toBeGreaterThan(1);
  const firstLink = rows.first().getByTestId("case-link");
  const title = (await firstLink.textContent())!.trim();
  await firstLink.click();
  await expect(page).toHaveURL(/\/cases\/[^/]+$/);
  const caseId = page.url().split("/").pop()!;

  // Case page: score with every term, causal chain, timeline with the detection event.
  await expect(page.getByRole("heading", { level: 1 })).toContainText(title);
  await expect(page.getByTestId("score-total")).toBeVisible();
  await expect(page.getByTestId("score-term-service_exposure")).toBeVisible();
  await expect(page.getByTestId("score-term-urgency_factor")).toBeVisible();
  await expect(page.getByTestId("score-term-confidence")).toBeVisible();
  await expect(page.getByTestId("causal-chain")).toBeVisible();
  await expect(page.getByTestId("timeline-event").first()).toContainText(/detected/i);

  // Propose: validation first (server-side zod field errors), then a valid proposal.
  const form = page.getByTestId("propose-action-form");
  await form.getByLabel(/action type/i).selectOption("RECOUNT");
  await form.getByLabel(/quantity/i).fill("12");
  await form.getByLabel(/note/i).fill("x");
  await form.getByRole("button", { name: /propose/i }).click();
  await expect(form.getByText(/at least 3|too short|3 characters/i).first()).toBeVisible();
  await form.getByLabel(/note/i).fill("Physical count before we expedite");
  await form.getByRole("button", { name: /propose/i }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  await expect(page.getByTestId("timeline")).toContainText(/proposed/i);
  await signOut(page);

  // Supervisor: approvals inbox → approve.
  await signIn(page, "supervisor", /\/approvals$/);
  const item = page.getByTestId("approval-item").filter({ hasText: title });
  await expect(item).toBeVisible();
  await expect(item).toContainText("Physical count before we expedite");
  await item.getByTestId("approve-button").click();
  await expect(page.getByTestId("approval-item").filter({ hasText: title })).toHaveCount(0);

  // The case moved, the timeline says who approved. The worker writes the approved action back at once, so the
  // case may already be resolved by the source's confirmation.
  await page.goto(`/cases/${caseId}`);
  await expect(page.getByTestId("case-status")).toContainText(/action approved|resolved/i);
  await expect(page.getByTestId("timeline")).toContainText(/approved/i);
  await expect(page.getByTestId("timeline")).toContainText("Sam Supervisor");

  // Audit: both steps, by the right people, chain intact.
  await page.goto("/audit");
  await expect(page.getByTestId("chain-status")).toContainText("Hash chain verified");
  const auditRows = page.getByTestId("audit-row");
  await expect(auditRows.filter({ hasText: "action.approved" }).first()).toContainText("Sam Supervisor");
  await expect(auditRows.filter({ hasText: "action.proposed" }).first()).toContainText("Priya Planner");

  // KPI: $ covered by approved actions went up.
  const coveredAfter = await coveredUsd(page);
  expect(coveredAfter).not.toBe(coveredBefore);
  const toNumber = (s: string) => Number(s.replace(/[^0-9.]/g, ""));
  expect(toNumber(coveredAfter)).toBeGreaterThan(toNumber(coveredBefore));

  const [row] = await query<{ status: string }>(`select status from "Case" where id = $1`, [caseId]);
  expect(["ACTION_APPROVED", "RESOLVED"]).toContain(row.status);
});
