import { expect, test, type Page } from "@playwright/test";
import { query, serverActionId, signIn, signOut } from "./support";

/**
 * Approval gates in the browser: a large adjustment goes planner → supervisor (level 1) → finance
 * (level 2) → APPROVED → write-back confirmed by the demo ERP → case resolved, and the audit log
 * shows every step; a planner calling the approve server action directly is refused; a supervisor
 * cannot approve their own request. Uses DC-ATL cases without actions, outside the top of the
 * queue (slice/access-control), not MEDIUM (write-back.spec), whose stock record comes from an
 * enabled source (so the write-back can be confirmed).
 */
type Picked = { id: string; number: number; title: string; unitCost: number };

async function pickCases(n: number): Promise<Picked[]> {
  const rows = await query<Picked>(
    `SELECT c.id, c.number, c.title, i."unitCost"::float AS "unitCost"
       FROM "Case" c
       JOIN "Location" l ON l.id = c."siteId"
       JOIN "Item" i ON i.id = c."itemId"
       JOIN "InventoryBalance" b ON b."itemId" = c."itemId" AND b."locationId" = c."siteId"
       JOIN "DataSource" d ON d.code = b."sourceSystem" AND d.enabled
      WHERE l.code = 'DC-ATL' AND c.status = 'OPEN' AND c.severity <> 'MEDIUM' AND c."snoozedAt" IS NULL AND i."unitCost" > 0
        AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
        AND c.id NOT IN (SELECT id FROM "Case" ORDER BY score DESC LIMIT 12)
        AND c.id NOT IN (SELECT c2.id FROM "Case" c2 JOIN "UserSite" us ON us."locationId" = c2."siteId" AND us."userId" = 'usr_planner' ORDER BY c2.score DESC LIMIT 12)
      ORDER BY c.score DESC, c.number ASC
      LIMIT $1`,
    [n],
  );
  expect(rows.length, "enough untouched DC-ATL cases").toBe(n);
  return rows;
}

async function propose(page: Page, caseId: string, opts: { type: string; quantity: number; note: string }) {
  await page.goto(`/cases/${caseId}`);
  const form = page.getByTestId("propose-action-form");
  await form.getByLabel(/action type/i).selectOption(opts.type);
  await form.getByLabel(/quantity/i).fill(String(opts.quantity));
  await form.getByLabel(/note/i).fill(opts.note);
  await form.getByRole("button", { name: /propose/i }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  const [action] = await query<{ id: string }>(`SELECT id FROM "CaseAction" WHERE "caseId" = $1 AND status = 'PENDING_APPROVAL'`, [caseId]);
  expect(action, "the proposal is stored as a pending request").toBeTruthy();
  return action.id;
}

/** POST a server action the way the browser does (Next-Action header), returning the response text. */
async function callAction(page: Page, baseURL: string, exportName: string, file: string, payload: unknown) {
  const response = await page.request.post("/approvals", {
    headers: { "Next-Action": serverActionId(exportName, file), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
    data: JSON.stringify([payload]),
  });
  return response.text();
}

const inboxItem = (page: Page, actionId: string) => page.locator(`[data-testid="approval-item"][data-action-id="${actionId}"]`);

/** Audit rows of one case across the newest pages of the log (other specs' workers may add rows meanwhile). */
async function auditRowsFor(page: Page, caseId: string): Promise<string[]> {
  const texts: string[] = [];
  for (let p = 1; p <= 5; p++) {
    await page.goto(`/audit?page=${p}`);
    await expect(page.getByTestId("audit-table")).toBeVisible();
    const rows = page.getByTestId("audit-row").filter({ has: page.locator(`a[href="/cases/${caseId}"]`) });
    texts.push(...(await rows.allInnerTexts()));
    if (texts.some((t) => t.includes("action.proposed"))) break;
  }
  return texts;
}

test("a large adjustment: planner proposes, supervisor then finance approve, the ERP confirms, the audit shows every step", async ({ page }) => {
  const [c] = await pickCases(1);
  const quantity = Math.floor(30_000 / c.unitCost) + 1;

  // Planner proposes; the policy asks for a supervisor, then finance.
  await signIn(page, "planner", /\/cases$/);
  const actionId = await propose(page, c.id, { type: "ADJUST", quantity, note: "E2E approvals: write off the damaged stock" });
  const panel = page.getByTestId("decision-panel");
  await expect(panel.getByTestId("request-status")).toContainText("Level 1 of 2: waiting for supervisor");
  await expect(panel.getByTestId("policy-reason")).toContainText("Stock adjustment over $25,000");
  await expect(panel).toContainText("You requested this action; another approver must decide.");
  await expect(panel.getByTestId("approve-button")).toHaveCount(0);
  const [proposed] = await query<{ requiredLevels: { level: number; role: string }[]; valueUsd: number }>(`SELECT "requiredLevels", "valueUsd" FROM "CaseAction" WHERE id = $1`, [actionId]);
  expect(proposed.requiredLevels).toEqual([
    { level: 1, role: "supervisor" },
    { level: 2, role: "finance" },
  ]);
  expect(proposed.valueUsd).toBeGreaterThan(25_000);
  await signOut(page);

  // Supervisor: level 1 from the inbox, with the case context.
  await signIn(page, "supervisor", /\/approvals$/);
  await expect(page.getByTestId("ranking-explanation")).toContainText("largest $ value first");
  let item = inboxItem(page, actionId);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("approval-level")).toHaveText("Level 1 of 2");
  await expect(item).toContainText("E2E approvals: write off the damaged stock");
  await expect(item).toContainText(`#${c.number}`);
  await expect(item.getByTestId("approval-policy-reason")).toContainText("supervisor, then finance");
  await expect(item.getByTestId("bulk-select")).toBeEnabled();
  await item.getByTestId("approve-button").click();
  await expect(inboxItem(page, actionId)).toHaveCount(0);
  await expect
    .poll(async () => (await query<{ currentLevel: number; status: string }>(`SELECT "currentLevel", status::text FROM "CaseAction" WHERE id = $1`, [actionId]))[0])
    .toEqual({ currentLevel: 2, status: "PENDING_APPROVAL" });
  await signOut(page);

  // Finance: level 2, the final approval.
  await signIn(page, "finance", /\/approvals$/);
  item = inboxItem(page, actionId);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("approval-level")).toHaveText("Level 2 of 2");
  await expect(item.getByTestId("approval-steps")).toContainText("Level 1: approved by Sam Supervisor (supervisor)");
  await item.getByTestId("approve-button").click();
  await expect(inboxItem(page, actionId)).toHaveCount(0);

  const [approved] = await query<{ status: string; decidedById: string }>(`SELECT status::text, "decidedById" FROM "CaseAction" WHERE id = $1`, [actionId]);
  expect(approved).toEqual({ status: "APPROVED", decidedById: "usr_finance" });
  const approvals = await query<{ level: number; deciderId: string; policyVersion: number }>(`SELECT level, "deciderId", "policyVersion" FROM "ActionApproval" WHERE "actionId" = $1 ORDER BY level`, [actionId]);
  expect(approvals.map((a) => [a.level, a.deciderId])).toEqual([
    [1, "usr_supervisor"],
    [2, "usr_finance"],
  ]);
  expect((await query(`SELECT 1 FROM "WriteBack" WHERE "actionId" = $1`, [actionId])).length, "the approval queued a write-back").toBe(1);

  // The worker sends it to the demo ERP, which confirms; the confirmation resolves the case.
  await expect
    .poll(async () => (await query<{ status: string }>(`SELECT status::text FROM "WriteBack" WHERE "actionId" = $1`, [actionId]))[0]?.status, { timeout: 20_000 })
    .toBe("CONFIRMED");
  await expect
    .poll(async () => (await query<{ status: string; resolutionCode: string | null }>(`SELECT status::text, "resolutionCode" FROM "Case" WHERE id = $1`, [c.id]))[0], { timeout: 20_000 })
    .toEqual({ status: "RESOLVED", resolutionCode: "ACTION_CONFIRMED" });

  // The audit log shows every step of this case, by the right people.
  const rows = await auditRowsFor(page, c.id);
  const row = (action: string) => rows.find((t) => t.includes(action)) ?? "";
  expect(row("action.proposed")).toContain("Priya Planner");
  expect(row("action.level_approved")).toContain("Sam Supervisor");
  expect(row("action.approved")).toContain("Fiona Finance");
  expect(row("writeback.queued")).not.toBe("");
  await expect(page.getByTestId("chain-status")).toContainText("Hash chain verified");
});

test("a planner calling the approve server action directly is refused and nothing changes", async ({ page, baseURL }) => {
  const [, c] = await pickCases(2);
  await signIn(page, "planner", /\/cases$/);
  const actionId = await propose(page, c.id, { type: "RECOUNT", quantity: 4, note: "E2E approvals: count before approving" });

  const single = await callAction(page, baseURL!, "decideActionAction", "lib/actions/approval-actions.ts", { actionId, decision: "APPROVE", level: 1 });
  expect(single).toContain('"ok":false');
  expect(single).toContain("FORBIDDEN");
  const bulk = await callAction(page, baseURL!, "bulkApproveAction", "lib/actions/approval-actions.ts", { items: [{ actionId, level: 1 }] });
  expect(bulk).toContain('"ok":false');
  expect(bulk).toContain("FORBIDDEN");

  const [after] = await query<{ status: string; currentLevel: number; decidedById: string | null }>(`SELECT status::text, "currentLevel", "decidedById" FROM "CaseAction" WHERE id = $1`, [actionId]);
  expect(after).toEqual({ status: "PENDING_APPROVAL", currentLevel: 1, decidedById: null });
  expect(await query(`SELECT 1 FROM "ActionApproval" WHERE "actionId" = $1`, [actionId])).toHaveLength(0);
  expect(await query(`SELECT 1 FROM "AuditEntry" WHERE "entityId" = $1 AND action IN ('action.approved', 'action.level_approved')`, [actionId])).toHaveLength(0);
  expect((await query<{ status: string }>(`SELECT status::text FROM "Case" WHERE id = $1`, [c.id]))[0].status).toBe("PENDING_APPROVAL");
});

test("a supervisor cannot approve their own request, in the inbox or by calling the action", async ({ page, baseURL }) => {
  const [, , c] = await pickCases(3);
  await signIn(page, "supervisor", /\/approvals$/);
  const actionId = await propose(page, c.id, { type: "RECOUNT", quantity: 2, note: "E2E approvals: my own count" });
  await expect(page.getByTestId("decision-panel").getByTestId("decision-blocked")).toHaveText("You cannot approve or decide an action you requested.");

  await page.goto("/approvals");
  const item = inboxItem(page, actionId);
  await expect(item).toBeVisible();
  await expect(item.getByTestId("decision-blocked")).toHaveText("You cannot approve or decide an action you requested.");
  await expect(item.getByTestId("approve-button")).toHaveCount(0);
  await expect(item.getByTestId("bulk-select")).toBeDisabled();
  // The own request is listed under "My requests" too, waiting for a supervisor.
  await expect(page.locator(`[data-testid="my-request"][data-action-id="${actionId}"]`)).toContainText("Waiting for supervisor (level 1 of 1)");

  const body = await callAction(page, baseURL!, "decideActionAction", "lib/actions/approval-actions.ts", { actionId, decision: "APPROVE", level: 1 });
  expect(body).toContain('"ok":false');
  expect(body).toContain("FORBIDDEN");
  expect(body).toContain("You cannot approve or decide an action you requested.");
  const [after] = await query<{ status: string; decidedById: string | null }>(`SELECT status::text, "decidedById" FROM "CaseAction" WHERE id = $1`, [actionId]);
  expect(after).toEqual({ status: "PENDING_APPROVAL", decidedById: null });
  expect(await query(`SELECT 1 FROM "ActionApproval" WHERE "actionId" = $1`, [actionId])).toHaveLength(0);
});
