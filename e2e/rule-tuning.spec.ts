import { expect, test, type Page } from "@playwright/test";
import { query, serverActionId, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * The learning loop end to end. Each test inserts the history it needs (resolved cases, their stored threshold
 * comparisons and actions) into the shared e2e database, picking a rule / case that has no history of its own so
 * the numbers are exact, and removes it afterwards. The accepted threshold is restored as a new version, like the
 * detection settings spec does, so later specs see the thresholds they expect.
 */

const HISTORY = "e2e-learning:";
const DAY = 86_400_000;

type History = {
  primaryType: string;
  siteId: string;
  supplierId?: string | null;
  days: number;
  code: string | null;
  reason?: string | null;
  exposure: number;
  trigger?: { key: string; value: number };
  approved?: string;
};

/** One resolved past case (resolved `days` after it opened, 20 days ago), with its approved action. */
async function insertHistory(h: History): Promise<string> {
  const resolvedAt = new Date(Date.now() - 20 * DAY);
  const openedAt = new Date(resolvedAt.getTime() - h.days * DAY);
  const triggers = h.trigger ? { [`${h.primaryType}:e2e`]: { type: h.primaryType, key: h.trigger.key, value: h.trigger.value, threshold: null, also: false, siteId: h.siteId, itemId: null } } : {};
  const [row] = await query<{ id: string }>(
    `INSERT INTO "Case" (id, "causeKey", title, "primaryType", "siteId", "supplierId", severity, score, "serviceExposure", "financialExposure", exposure, urgency, confidence,
       explanation, "configVersion", status, "openedAt", "dataAsOf", "slaDueAt", "lastScoredAt", "resolvedAt", "resolutionCode", "resolutionReason", "ruleTriggers")
     SELECT g.id, $1 || g.id, 'E2E history case', $2, $3, $4, 'LOW', $5, $5, 0, $5, 0, 1, '{}', 1, 'RESOLVED', $6::timestamp, $6::timestamp, $6::timestamp, $7::timestamp, $7::timestamp, $8, $9, $10::jsonb
     FROM (SELECT gen_random_uuid()::text AS id) g RETURNING id`,
    [HISTORY, h.primaryType, h.siteId, h.supplierId ?? null, h.exposure, openedAt.toISOString(), resolvedAt.toISOString(), h.code, h.reason ?? null, JSON.stringify(triggers)],
  );
  if (h.approved) {
    await query(
      `INSERT INTO "CaseAction" (id, "caseId", type, status, payload, "valueUsd", note, "requestedById", "requestedAt", "decidedAt", "policyVersion")
       VALUES (gen_random_uuid()::text, $1, $2::"ActionType", 'APPROVED', '{"quantity":1}', 0, 'e2e history', 'usr_planner', $3::timestamp, $4::timestamp, 1)`,
      [row.id, h.approved, openedAt.toISOString(), resolvedAt.toISOString()],
    );
  }
  return row.id;
}

const removeHistory = () => query(`DELETE FROM "Case" WHERE "causeKey" LIKE $1`, [`${HISTORY}%`]);

type ConfigRow = { version: number; params: { rules: Record<string, number>; thresholdOverrides?: { key: string }[]; learning?: Record<string, number> } };
const latestConfig = async () => (await query<ConfigRow>(`SELECT version, params FROM "ScoringConfig" ORDER BY version DESC LIMIT 1`))[0];

// Day-based rules, step 1 day: a rule without history of its own is chosen so the numbers below are exact.
const CANDIDATE_RULES = [
  { type: "TRANSFER_IN_TRANSIT_AGED", key: "transferGraceDays", label: "Transfer in-transit grace" },
  { type: "ASN_OVERDUE", key: "asnGraceDays", label: "ASN overdue grace" },
  { type: "PO_NO_ASN", key: "poNoAsnGraceDays", label: "Missing ASN grace" },
  { type: "QUALITY_LOT_HOLD_BLOCKING", key: "qualityHoldMaxAgeDays", label: "Quality hold maximum age" },
];

test("an admin sees a rule's proposal with its evidence, accepts it, and Detection & routing shows the new version", async ({ page }) => {
  const before = await latestConfig();
  expect(before.params.learning ?? { minJudgedCases: 10, minDismissalRate: 0.5, maxActedOnLossRate: 0.1, minDismissedSuppressed: 3 }).toMatchObject({
    minJudgedCases: 10,
    minDismissalRate: 0.5,
    maxActedOnLossRate: 0.1,
    minDismissedSuppressed: 3,
  });
  let rule: (typeof CANDIDATE_RULES)[number] | undefined;
  for (const r of CANDIDATE_RULES) {
    const [{ n }] = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "Case" WHERE "primaryType" = $1 AND status = 'RESOLVED' AND "resolvedAt" > now() - interval '400 days'`, [r.type]);
    const overridden = (before.params.thresholdOverrides ?? []).some((o) => o.key === r.key);
    if (n === 0 && !overridden && Number.isInteger(before.params.rules[r.key])) {
      rule = r;
      break;
    }
  }
  expect(rule, "a day-based rule without resolved history").toBeTruthy();
  const { type, key, label } = rule!;
  const t0 = before.params.rules[key];
  const proposalsBefore = (await query<{ id: string }>(`SELECT id FROM "ThresholdProposal"`)).map((r) => r.id);
  try {
    // Dismissed at T0 + 0.5 … T0 + 2.5 ($100 … $600) and T0 + 9 ($700); acted on at T0 + 6, 8, 12; one closed without action at T0 + 1.
    // → 11 judged, 7 dismissed (64 %); at T0 + 3 six dismissed and the no-action case are suppressed, no acted-on one.
    const site = "loc_dc_atl";
    for (const [i, off] of [0.5, 0.8, 1.2, 1.6, 2.1, 2.5, 9].entries()) {
      await insertHistory({ primaryType: type, siteId: site, days: 2, code: "NOT_AN_ISSUE", exposure: 100 * (i + 1), trigger: { key, value: t0 + off } });
    }
    for (const off of [6, 8, 12]) await insertHistory({ primaryType: type, siteId: site, days: 3, code: "ACTION_CONFIRMED", exposure: 1000, trigger: { key, value: t0 + off }, approved: "TRANSFER" });
    await insertHistory({ primaryType: type, siteId: site, days: 1, code: "SOURCE_DATA_ERROR", exposure: 50, trigger: { key, value: t0 + 1 } });
    const proposed = t0 + 3;
    const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

    await signIn(page, "admin", /\/admin$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Rule tuning" }).click();
    await expect(page).toHaveURL(/\/admin\/tuning$/);
    await expect(page.getByRole("heading", { level: 1, name: "Rule tuning" })).toBeVisible();
    await expect(nav.getByRole("link", { name: "Rule tuning" })).toHaveAttribute("aria-current", "page");

    // The outcomes table already counts the history; the proposal appears when recomputed.
    const row = page.locator(`[data-testid="rule-outcome-row"][data-rule="${type}"]`);
    await expect(row.getByTestId("dismissed-cell")).toContainText("7 · 64%");
    await page.getByRole("button", { name: "Recompute proposals" }).click();
    await expect(page.getByTestId("recompute-message")).toContainText("new");
    const card = page.locator(`[data-testid="proposal"][data-rule="${type}"]`);
    await expect(card.getByRole("heading", { level: 3 })).toHaveText(new RegExp(`raise ${label} from ${days(t0)} to ${days(proposed)}$`));
    await expect(card.getByTestId("proposal-why")).toContainText("11 of this rule's cases were judged: 7 dismissed as not an issue (64%), 3 acted on, 1 closed without action.");
    await expect(card.getByTestId("proposal-suppressed")).toHaveText(
      `At ${days(proposed)} it would have suppressed 7 past cases worth $2,150: 6 dismissed ($2,100), 0 acted on ($0), 1 closed without action, 0 cleared on their own.`,
    );
    await expect(card.getByTestId("proposal-cost")).toContainText("No acted-on case would have been suppressed (limit: 0). Still raised: 1 dismissed and 3 acted-on case(s).");
    await expect(row.getByTestId("rule-tuning-status")).toHaveText("Often dismissed: proposal open");
    await card.getByText(/Every replayed value/).click();
    await expect(card.getByTestId("proposal-candidates").locator("tr[data-chosen]")).toContainText(`${days(proposed)} (proposed)`);
    await expectAccessible(page);

    const stored = (await query<{ id: string; proposedValue: number }>(`SELECT id, "proposedValue" FROM "ThresholdProposal" WHERE "ruleType" = $1 AND status = 'OPEN'`, [type]))[0];
    expect(stored.proposedValue).toBe(proposed);

    // Accept with a note: the next version, and the proposal leaves the open list.
    await card.getByLabel(/^Note for the new version/).fill("E2E: carriers scan transfers a few days late");
    await card.getByRole("button", { name: "Accept and create a new version" }).click();
    const version = before.version + 1;
    await expect(page).toHaveURL(new RegExp(`/admin/tuning\\?accepted=${version}$`));
    await expect(page.getByTestId("decision-notice")).toContainText(`Accepted: scoring version ${version} is in use.`);
    await expect(page.locator(`[data-testid="proposal"][data-rule="${type}"]`)).toHaveCount(0);
    await expect(page.locator(`[data-testid="decided-proposal"][data-rule="${type}"][data-status="ACCEPTED"]`).first()).toContainText(`version ${version}`);

    // Detection & routing: the new version is in use, its note carries the evidence, the history shows the change.
    await page.getByRole("link", { name: `See version ${version} in Detection & routing` }).click();
    await expect(page).toHaveURL(/\/admin\/detection/);
    await expect(page.getByRole("heading", { name: `Thresholds and weights (version ${version} in use)` })).toBeVisible();
    const versionRow = page.locator(`[data-testid="version-row"][data-version="${version}"]`);
    await expect(versionRow).toContainText(`Rule tuning: ${key} ${t0} → ${proposed} for ${type}.`);
    await expect(versionRow).toContainText("would have suppressed 7 past case(s) worth $2,150");
    await expect(versionRow.getByTestId("version-changes")).toHaveText(`${label} (days): ${t0} → ${proposed}`);
    expect((await latestConfig()).params.rules[key]).toBe(proposed);
    const audit = await query<{ action: string; entityType: string }>(
      `SELECT action, "entityType" FROM "AuditEntry" WHERE ("entityType" = 'ScoringConfig' AND "entityId" = $1) OR ("entityType" = 'ThresholdProposal' AND "entityId" = $2) ORDER BY seq`,
      [String(version), stored.id],
    );
    expect(audit.map((a) => a.action)).toEqual(["threshold_proposal.created", "scoring_config.created", "threshold_proposal.accepted"]);

    // Leave the thresholds as found: restore the previous version (as a new one).
    const oldRow = page.locator(`[data-testid="version-row"][data-version="${before.version}"]`);
    await oldRow.getByRole("button", { name: `Restore version ${before.version}` }).click();
    await oldRow.getByRole("button", { name: "Yes, restore" }).click();
    await expect(page.getByRole("heading", { name: `Thresholds and weights (version ${version + 1} in use)` })).toBeVisible();
    expect((await latestConfig()).params.rules[key]).toBe(t0);
  } finally {
    await removeHistory();
    await query(`DELETE FROM "ThresholdProposal" WHERE NOT (id = ANY($1::text[]))`, [proposalsBefore]);
  }
});

const ACTION_LABEL: Record<string, string> = { EXPEDITE: "Expedite", TRANSFER: "Transfer", REALLOCATE: "Reallocation", RECOUNT: "Recount", HOLD: "Hold release", ADJUST: "Adjustment" };

test("the case page says what resolved similar cases and ranks that option first", async ({ page }) => {
  type Rec = { rank: number; code: string; actionType: string | null };
  // An open DC-ATL case with a supplier, an executable recommendation, and no similar resolved case of its own yet.
  const [c] = await query<{ id: string; primaryType: string; siteId: string; supplierId: string; recommendations: Rec[] }>(
    `SELECT c.id, c."primaryType", c."siteId", c."supplierId", c.recommendations FROM "Case" c
     WHERE c.status = 'OPEN' AND c."siteId" = 'loc_dc_atl' AND c."supplierId" IS NOT NULL
       AND EXISTS (SELECT 1 FROM jsonb_array_elements(c.recommendations) r WHERE r ->> 'actionType' IS NOT NULL)
       AND NOT EXISTS (SELECT 1 FROM "Case" h WHERE h."primaryType" = c."primaryType" AND h."siteId" = c."siteId" AND h."supplierId" = c."supplierId"
                       AND h.status = 'RESOLVED' AND h."resolvedAt" > now() - interval '400 days')
     ORDER BY (SELECT count(*) FROM jsonb_array_elements(c.recommendations) r WHERE r ->> 'actionType' IS NOT NULL) DESC, c.number
     LIMIT 1`,
  );
  expect(c, "an open DC-ATL case with an executable recommendation").toBeTruthy();
  const recs = [...c.recommendations].sort((a, b) => a.rank - b.rank);
  // Prefer an action type the engine did not rank first, to see it move up; its best-ranked option is the one that leads.
  const actionType = (recs.find((r) => r.actionType && r.rank > 1 && r.actionType !== recs[0].actionType) ?? recs.find((r) => r.actionType)!).actionType!;
  const target = recs.find((r) => r.actionType === actionType)!;
  try {
    // Six similar cases (same type, site, supplier): four resolved by this action in 1, 2, 3 and 4 days (median 2.5),
    // one dismissed, one cleared on its own.
    const same = { primaryType: c.primaryType, siteId: c.siteId, supplierId: c.supplierId, exposure: 100 };
    for (const d of [1, 2, 3, 4]) await insertHistory({ ...same, days: d, code: "ACTION_CONFIRMED", approved: actionType });
    await insertHistory({ ...same, days: 5, code: "NOT_AN_ISSUE" });
    await insertHistory({ ...same, days: 2, code: null, reason: "CONDITION_CLEARED" });

    await signIn(page, "planner", /\/cases$/);
    await page.goto(`/cases/${c.id}`);
    const list = page.getByTestId("recommendations");
    await expect(page.getByTestId("recommendations-basis")).toHaveText(
      "History: 6 similar cases resolved in the last 12 months (same type, site and supplier). Options that resolved enough of them come first, fastest first; the rest follow by expected $ recovered.",
    );
    const first = list.getByTestId("recommendation").first();
    await expect(first).toHaveAttribute("data-code", target.code);
    const moved = target.rank > 1 ? ` · moved up from #${target.rank}` : "";
    await expect(first.getByTestId("recommendation-history")).toHaveText(`${ACTION_LABEL[actionType]} resolved 4 of 6 similar cases in 2.5 days (same type, site and supplier)${moved}`);
    // Other executable options say what they did, advice says nothing; none is dropped.
    await expect(list.getByTestId("recommendation")).toHaveCount(recs.length);
    for (const r of recs.filter((x) => x.actionType && x.actionType !== actionType)) {
      await expect(list.locator(`[data-testid="recommendation"][data-code="${r.code}"]`).getByTestId("recommendation-history")).toHaveText(
        `${ACTION_LABEL[r.actionType!]} resolved none of 6 similar cases (same type, site and supplier)`,
      );
    }
    for (const r of recs.filter((x) => !x.actionType)) {
      await expect(list.locator(`[data-testid="recommendation"][data-code="${r.code}"]`).getByTestId("recommendation-history")).toHaveCount(0);
    }
    await expectAccessible(page);
  } finally {
    await removeHistory();
  }
});

test("a planner cannot open Rule tuning nor call its actions", async ({ page, baseURL }) => {
  const [p] = await query<{ id: string }>(
    `INSERT INTO "ThresholdProposal" (id, "ruleType", "thresholdKey", "currentValue", "proposedValue", "baseVersion", evidence)
     VALUES ('e2e-proposal-' || gen_random_uuid()::text, 'ASN_OVERDUE', 'asnGraceDays', 1, 4, 1, '{}') RETURNING id`,
  );
  try {
    await signIn(page, "planner", /\/cases$/);
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Rule tuning" })).toHaveCount(0);
    await page.goto("/admin/tuning");
    await expect(page.getByText("Only admins can tune detection rules.")).toBeVisible();
    await expect(page.getByTestId("proposal")).toHaveCount(0);
    await expect(page.getByTestId("rule-outcomes")).toHaveCount(0);

    const versions = await latestConfig();
    const post = (exportName: string, input: unknown) =>
      page.request.post("/admin/tuning", {
        headers: { "Next-Action": serverActionId(exportName, "lib/actions/rule-tuning-actions.ts"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
        data: JSON.stringify(input === undefined ? [] : [input]),
      });
    expect(await (await post("recomputeProposalsAction", undefined)).text()).toContain("FORBIDDEN");
    expect(await (await post("acceptProposalAction", { id: p.id })).text()).toContain("FORBIDDEN");
    expect(await (await post("dismissProposalAction", { id: p.id, reason: "planner says no" })).text()).toContain("FORBIDDEN");
    expect((await query<{ status: string }>(`SELECT status FROM "ThresholdProposal" WHERE id = $1`, [p.id]))[0].status).toBe("OPEN");
    expect((await latestConfig()).version).toBe(versions.version);
  } finally {
    await query(`DELETE FROM "ThresholdProposal" WHERE id = $1`, [p.id]);
  }
});
