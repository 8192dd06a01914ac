import { expect, test, type Locator, type Page } from "@playwright/test";
import { query, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * The case page as a planner uses it: the summary with routing and SLA, ranked recommendations with
 * their impact, a score explanation whose written-out arithmetic multiplies back to the total, and
 * "Propose" on a recommendation pre-filling the form that then creates a pending action.
 */

type Recommendation = {
  code: string;
  rank: number;
  label: string;
  actionType: string | null;
  payload: { quantity: number; fromLocationId?: string; targetDate?: string } | null;
  impact: { unitsRecovered: number; usdRecovered: number; daysGained: number };
};

type PickedCase = { id: string; score: number; summary: string; team: string | null; autoRouted: boolean; recommendations: Recommendation[] };

/**
 * An open case at one of the planner's sites with an executable recommendation (a transfer or an
 * expedite when there is one, so source and date pre-filling are exercised), kept clear of the top
 * of the queue that slice.spec and access-control.spec act on, and without actions yet.
 */
async function pickCase(): Promise<PickedCase> {
  const [row] = await query<PickedCase>(
    `WITH mine AS (
       SELECT c.* FROM "Case" c JOIN "UserSite" us ON us."locationId" = c."siteId" AND us."userId" = 'usr_planner'
     )
     SELECT m.id, m.score, m.summary, m.team, m."autoRouted", m.recommendations FROM mine m
     WHERE m.status = 'OPEN' AND m.summary <> ''
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(m.recommendations) r WHERE jsonb_typeof(r->'actionType') = 'string' AND jsonb_typeof(r->'payload') = 'object')
       AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = m.id)
       AND m.id NOT IN (SELECT id FROM mine ORDER BY score DESC LIMIT 12)
       AND m.id NOT IN (SELECT id FROM "Case" ORDER BY score DESC LIMIT 12)
     ORDER BY EXISTS (SELECT 1 FROM jsonb_array_elements(m.recommendations) r WHERE r->>'actionType' IN ('TRANSFER', 'EXPEDITE')) DESC, m.score ASC
     LIMIT 1`,
  );
  expect(row, "the demo data has an open planner case with an executable recommendation").toBeTruthy();
  return row;
}

/** "$39,292.11", "0.5629", "× 1" → number. */
const numberIn = async (l: Locator) => Number(((await l.textContent()) ?? "").replace(/[^0-9.-]/g, ""));

test("summary, recommendations and a hand-checkable score; Propose pre-fills the form and creates a pending action", async ({ page }) => {
  const c = await pickCase();
  await signIn(page, "planner", /\/cases$/);
  await page.goto(`/cases/${c.id}`);

  // Summary: the stored deterministic text, routing, SLA (relative and absolute) and escalation.
  await expect(page.getByTestId("case-summary")).toHaveText(c.summary.trim());
  const team = page.getByTestId("summary-team");
  if (!c.team || c.team === "triage") await expect(team).toContainText(/triage/i);
  else await expect(team).toContainText(c.team);
  if (c.autoRouted) await expect(team).toContainText("auto-routed");
  await expect(page.getByTestId("summary-sla")).toContainText(/(due in|overdue by) \d+ (minute|hour|day)/);
  await expect(page.getByTestId("summary-sla")).toContainText(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  await expect(page.getByTestId("summary-escalation")).toContainText(/Not escalated|Level \d/);

  // Recommendations: ranked as stored, each with its impact; advice has no Propose button.
  const items = page.getByTestId("recommendation");
  await expect(items).toHaveCount(c.recommendations.length);
  const ranked = [...c.recommendations].sort((a, b) => a.rank - b.rank);
  for (const [i, r] of ranked.entries()) {
    const item = items.nth(i);
    await expect(item).toHaveAttribute("data-rank", String(r.rank));
    await expect(item.getByTestId("recommendation-label")).toHaveText(r.label);
    await expect(item.getByTestId("impact-usd")).toHaveText(/^-?\$[\d,]+(\.\d{2})?$/);
    await expect(item.getByTestId("impact-units")).toHaveText(/units?$/);
    await expect(item.getByTestId("impact-days")).toHaveText(`${r.impact.daysGained} ${r.impact.daysGained === 1 ? "day" : "days"}`);
    await expect(item.getByTestId("recommendation-propose")).toHaveCount(r.actionType && r.payload ? 1 : 0);
  }

  // Score: (E_svc + E_fin) × (0.5 + 0.5·U) × confidence, recomputed from the displayed numbers.
  const arith = page.getByTestId("score-arithmetic");
  const eSvc = await numberIn(arith.getByTestId("arith-service"));
  const eFin = await numberIn(arith.getByTestId("arith-financial"));
  const u = await numberIn(arith.getByTestId("arith-u"));
  const factor = await numberIn(arith.getByTestId("arith-urgency-factor"));
  const confidence = await numberIn(arith.getByTestId("arith-confidence"));
  const total = await numberIn(arith.getByTestId("arith-total"));
  expect(Math.abs(factor - (0.5 + 0.5 * u))).toBeLessThanOrEqual(1e-4);
  expect(Math.abs((eSvc + eFin) * factor * confidence - total)).toBeLessThanOrEqual(0.011 + (eSvc + eFin) * 1e-4);
  expect(Math.abs(total - c.score)).toBeLessThanOrEqual(0.006);
  expect(Math.abs((await numberIn(page.getByTestId("score-total"))) - total)).toBeLessThanOrEqual(0.51);
  // The term table carries the same four values, with formulas and inputs.
  for (const code of ["service_exposure", "financial_exposure", "urgency_factor", "confidence"]) await expect(page.getByTestId(`score-term-${code}`)).toBeVisible();
  expect(await numberIn(page.getByTestId("score-term-service_exposure").getByTestId("term-value"))).toBeCloseTo(eSvc, 2);
  expect(await numberIn(page.getByTestId("score-term-urgency_factor").getByTestId("term-value"))).toBeCloseTo(factor, 4);
  await expect(page.getByTestId("score-term-urgency_factor")).toContainText("0.5 + 0.5·U");
  // Per-finding components add up to each exposure (the demo's engine stores them on every case).
  await expect(page.getByTestId("score-components")).toBeVisible();
  for (const [kind, exposure] of [["service", eSvc], ["financial", eFin]] as const) {
    const table = page.getByTestId(`score-components-${kind}`);
    const values = await Promise.all((await table.getByTestId("component-value").all()).map(numberIn));
    const sum = values.reduce((s, v) => s + v, 0);
    expect(Math.abs(sum - exposure)).toBeLessThanOrEqual(0.01 * Math.max(1, values.length));
    expect(await numberIn(table.getByTestId("component-sum"))).toBeCloseTo(exposure, 1);
  }
  await expect(page.getByTestId("score-version")).toContainText(/version \d+/);
  await expect(page.getByTestId("causal-chain").getByTestId("chain-link").first()).toContainText("Root cause");

  await expectAccessible(page);

  // Propose on the best executable recommendation (a transfer/expedite when the case has one).
  const executable = ranked.filter((r) => r.actionType && r.payload);
  const rec = executable.find((r) => r.actionType === "TRANSFER" || r.actionType === "EXPEDITE") ?? executable[0];
  const quantity = String(Math.max(1, Math.ceil(rec.payload!.quantity)));
  await page.locator(`[data-testid="recommendation"][data-rank="${rec.rank}"]`).getByRole("button", { name: "Propose" }).click();

  const form = page.getByTestId("propose-action-form");
  await expect(form.getByTestId("propose-prefill")).toContainText(rec.label);
  await expect(form.getByLabel(/action type/i)).toHaveValue(rec.actionType!);
  await expect(form.getByLabel(/quantity/i)).toHaveValue(quantity);
  if (rec.payload!.fromLocationId) await expect(form.getByLabel(/from location/i)).toHaveValue(rec.payload!.fromLocationId);
  if (rec.payload!.targetDate) await expect(form.getByLabel(/target arrival date/i)).toHaveValue(rec.payload!.targetDate.slice(0, 10));
  const note = form.getByLabel(/note/i);
  await expect(note).toHaveValue(new RegExp(`^Recommended #${rec.rank}: `));
  await expect(note).toBeFocused();

  // The planner reviews and submits; the server validates and records a pending action.
  await form.getByRole("button", { name: "Propose action" }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  await expect(page.getByTestId("timeline")).toContainText(/proposed/i);
  await expect(page.getByTestId("recommendation-propose")).toHaveCount(0);

  const actions = await query<{ type: string; status: string; note: string; payload: { quantity: number; fromLocationId?: string; targetDate?: string } }>(
    `SELECT type::text, status::text, note, payload FROM "CaseAction" WHERE "caseId" = $1`,
    [c.id],
  );
  expect(actions).toHaveLength(1);
  const [a] = actions;
  expect(a.status).toBe("PENDING_APPROVAL");
  expect(a.type).toBe(rec.actionType);
  expect(a.payload.quantity).toBe(Number(quantity));
  if (rec.payload!.fromLocationId) expect(a.payload.fromLocationId).toBe(rec.payload!.fromLocationId);
  if (rec.payload!.targetDate) expect(a.payload.targetDate).toBe(rec.payload!.targetDate.slice(0, 10));
  expect(a.note).toMatch(new RegExp(`^Recommended #${rec.rank}: `));
  const [status] = await query<{ status: string }>(`SELECT status::text FROM "Case" WHERE id = $1`, [c.id]);
  expect(status.status).toBe("PENDING_APPROVAL");
});
