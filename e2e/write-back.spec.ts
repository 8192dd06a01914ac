import { expect, test } from "@playwright/test";
import { query, signIn, signOut } from "./support";

/**
 * Write-back panel on the case page: a failed write-back is shown with its error and attempts; a supervisor
 * retries it (same idempotency key) and the worker posts it to the demo ERP, which confirms and resolves the case;
 * another failed one is closed with a reason, which the audit log and its CSV export (formula-neutralised) show.
 * Works on medium-severity DC-ATL cases with no actions, lowest score first — the other specs take top-score
 * cases or DC-NJ ones. The approved state is set up in SQL so this spec does not depend on the approvals UI.
 */
type Picked = { id: string; number: number; sku: string };

async function pickCases(n: number): Promise<Picked[]> {
  const rows = await query<Picked>(
    `SELECT c.id, c.number, i.sku FROM "Case" c
       JOIN "Location" l ON l.id = c."siteId" JOIN "Item" i ON i.id = c."itemId"
       JOIN "InventoryBalance" b ON b."itemId" = c."itemId" AND b."locationId" = c."siteId" AND b."sourceSystem" = 'odoo-east'
     WHERE l.code = 'DC-ATL' AND c.status = 'OPEN' AND c.severity = 'MEDIUM' AND c."snoozedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
     ORDER BY c.score ASC, c.number ASC LIMIT $1`,
    [n],
  );
  expect(rows.length, "enough untouched medium DC-ATL cases").toBe(n);
  return rows;
}

/** An approved RECOUNT whose write-back to the demo ERP gave up after 5 attempts. */
async function failedWriteBack(c: Picked, opts: { sourceId: string | null; error: string }) {
  const actionId = `e2e_wb_act_${c.number}`;
  const writeBackId = `e2e_wb_${c.number}`;
  await query(`UPDATE "Case" SET status = 'ACTION_APPROVED', "writeBackFailedAt" = now() WHERE id = $1`, [c.id]);
  await query(
    `INSERT INTO "CaseAction" (id, "caseId", type, status, payload, "valueUsd", note, "requestedById", "decidedById", "decidedAt", "policyVersion")
     VALUES ($1, $2, 'RECOUNT', 'APPROVED', '{"quantity": 5}', 0, 'e2e write-back recount', 'usr_planner', 'usr_supervisor', now(), 1)`,
    [actionId, c.id],
  );
  const request = { idempotencyKey: actionId, type: "RECOUNT", payload: { caseNumber: c.number, quantity: 5, sku: c.sku, locationCode: "DC-ATL" } };
  await query(
    `INSERT INTO "WriteBack" (id, "actionId", "caseId", "dataSourceId", "idempotencyKey", status, attempts, request, "lastError", "queuedAt", "failedAt")
     VALUES ($1, $2, $3, $4, $2, 'FAILED', 5, $5::jsonb, $6, now(), now())`,
    [writeBackId, actionId, c.id, opts.sourceId, JSON.stringify(request), opts.error],
  );
  return { actionId, writeBackId };
}

test("a supervisor retries a failed write-back; the demo ERP posts it once and the case resolves", async ({ page }) => {
  const [c] = await pickCases(1);
  const { actionId, writeBackId } = await failedWriteBack(c, { sourceId: "ds_odoo_east", error: "Source request: POST /jsonrpc answered HTTP 503 (gave up after 5 attempts)" });

  // The planner sees the failure but has no Retry or Close buttons.
  await signIn(page, "planner", /\/cases$/);
  await page.goto(`/cases/${c.id}`);
  const panel = page.getByTestId("write-back-status");
  await expect(panel.getByTestId("write-back")).toHaveAttribute("data-status", "FAILED");
  await expect(panel.getByTestId("write-back-error")).toContainText("HTTP 503");
  await expect(panel.getByTestId("write-back-attempts")).toHaveText("5");
  await expect(panel.getByRole("button")).toHaveCount(0);
  await signOut(page);

  await signIn(page, "supervisor", /\/approvals$/);
  await page.goto(`/cases/${c.id}`);
  await expect(panel).toContainText("could not be applied in the source system");
  await panel.getByTestId("write-back-retry").click();
  await expect(panel.getByRole("status")).toContainText("same idempotency key");

  // The worker sends it; the demo ERP keeps the posting as an outbound document and confirms.
  await expect.poll(async () => (await query<{ status: string }>(`SELECT status::text FROM "WriteBack" WHERE id = $1`, [writeBackId]))[0].status, { timeout: 30_000 }).toBe("CONFIRMED");
  const [c2] = await query<{ status: string; resolutionCode: string; writeBackFailedAt: Date | null }>(`SELECT status::text, "resolutionCode", "writeBackFailedAt" FROM "Case" WHERE id = $1`, [c.id]);
  expect(c2).toEqual({ status: "RESOLVED", resolutionCode: "ACTION_CONFIRMED", writeBackFailedAt: null });
  const posted = await query<{ n: number }>(`SELECT count(*)::int AS n FROM "RawPayload" WHERE "sourceId" = 'ds_odoo_east' AND direction = 'OUT' AND "idempotencyKey" = $1`, [`writeback:${actionId}`]);
  expect(posted[0].n).toBe(1);

  await page.reload();
  await expect(panel.getByTestId("write-back")).toHaveAttribute("data-status", "CONFIRMED");
  await expect(panel.getByTestId("write-back-ref")).toContainText("ODOO-EAST-RECOUNT");
  await expect(page.getByTestId("timeline")).toContainText(/write.?back/i);
});

test("a supervisor closes a case whose write-back cannot be sent, with a reason the audit export keeps inert", async ({ page }) => {
  const [, c] = await pickCases(2);
  await failedWriteBack(c, { sourceId: null, error: "No source record was found for this action, so there is no system to write it back to. Close the case with a reason." });
  const reason = "=SUM(1,2) counted and corrected by hand";

  await signIn(page, "supervisor", /\/approvals$/);
  await page.goto(`/cases/${c.id}`);
  const panel = page.getByTestId("write-back-status");
  await expect(panel.getByTestId("write-back-retry")).toHaveCount(0);
  await panel.getByTestId("write-back-close-open").click();
  await panel.getByTestId("write-back-close").click();
  await expect(panel.getByText(/at least 5 characters/)).toBeVisible();
  await panel.getByLabel("Why close without the source's confirmation?").fill(reason);
  await panel.getByTestId("write-back-close").click();
  await expect(panel.getByRole("status")).toContainText("Case closed without confirmation");

  const [row] = await query<{ status: string; resolutionCode: string; resolutionReason: string }>(`SELECT status::text, "resolutionCode", "resolutionReason" FROM "Case" WHERE id = $1`, [c.id]);
  expect(row).toEqual({ status: "RESOLVED", resolutionCode: "CLOSED_WITHOUT_CONFIRMATION", resolutionReason: reason });

  // The audit viewer filtered by case and action family, then the CSV export of exactly that view.
  await page.goto(`/audit?case=${c.number}&action=case.`);
  const auditRow = page.getByTestId("audit-row").filter({ hasText: "case.closed_without_confirmation" });
  await expect(auditRow).toContainText("Sam Supervisor");
  await expect(auditRow).toContainText(reason);
  const href = await page.getByTestId("audit-export").getAttribute("href");
  expect(href).toContain(`case=${c.number}`);
  const res = await page.request.get(href!);
  expect(res.status()).toBe(200);
  expect(res.headers()["content-type"]).toContain("text/csv");
  const csv = await res.text();
  expect(csv.split("\r\n")[0]).toBe("seq,at,actor,actorRole,action,entityType,entityId,case,siteId,reason,before,after,prevHash,hash");
  expect(csv).toContain("case.closed_without_confirmation");
  expect(csv).toContain(`"'${reason}"`);
  expect(csv).not.toContain(`,${reason}`);
  expect(csv).not.toContain("action.approved");
});

test("the audit export refuses roles without audit.read", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  const res = await page.request.get("/api/audit/export");
  expect(res.status()).toBe(403);
});
