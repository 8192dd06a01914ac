import { createHmac, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { query, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * Data sources admin, end to end: create a webhook source, set its signing secret (never shown again), receive
 * signed events on /api/events, fix and replay a quarantined record, and keep non-admins out.
 *
 * A background worker runs during the browser tests (playwright.config.ts starts `lib/server/jobs/worker.ts`), so an
 * accepted event batch is processed: its good event lands, its bad one is quarantined and the run ends PARTIAL. A signed
 * body that is not an event envelope is quarantined synchronously by /api/events (422).
 */

/** POST a body to /api/events signed like a real sender: sha256=HMAC("<timestamp>.<body>"). */
async function postSigned(request: APIRequestContext, opts: { code: string; secret: string; body: string; idempotencyKey: string }) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = `sha256=${createHmac("sha256", opts.secret).update(`${timestamp}.${opts.body}`).digest("hex")}`;
  return request.post("/api/events", {
    data: opts.body,
    headers: {
      "content-type": "application/json",
      "X-Workbench-Source": opts.code,
      "X-Workbench-Timestamp": timestamp,
      "X-Workbench-Signature": signature,
      "Idempotency-Key": opts.idempotencyKey,
    },
  });
}

test("admin creates a webhook source, sets its secret, receives signed events and fixes a quarantined record", async ({ page, request }) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `E2E-HOOK-${suffix}`;
  const name = `E2E webhook ${suffix}`;
  const secret = `whsec_e2e_${randomBytes(16).toString("hex")}`;
  const supplierCode = `E2E-SUP-${suffix}`;

  await signIn(page, "admin", /\/admin$/);
  // The settings page summarises the feeds and links to the full page.
  await expect(page.getByTestId("sources-summary")).toContainText(/\d+ sources?: \d+ fresh, \d+ stale/);
  await page.getByRole("link", { name: "Manage data sources" }).click();
  await expect(page).toHaveURL(/\/admin\/sources$/);
  await expect(page.getByRole("heading", { level: 1, name: "Data sources" })).toBeVisible();
  // The seeded ERPNext feed is down and 26 h old: stale, said in words.
  await expect(page.locator('[data-testid="source-row"][data-code="erpnext-west"]')).toContainText("Stale");
  await expect(page.locator('[data-testid="source-row"][data-code="erpnext-west"]')).toContainText("No (disabled)");
  await expectAccessible(page);

  // Create: a wrong configuration is refused with the server's message, then a valid one is created.
  const form = page.getByRole("form", { name: "New source" });
  await form.getByLabel("Code").fill(code);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Kind").selectOption("webhook");
  await form.getByLabel("Freshness SLA (minutes)").fill("60");
  await form.getByLabel("Configuration (JSON)").fill("{ not json");
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(form.getByText(/Not valid JSON/)).toBeVisible();
  await form.getByLabel("Configuration (JSON)").fill("{}");
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(/\/admin\/sources\/[^/?#]+$/);
  const sourceUrl = page.url();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByTestId("freshness")).toHaveText(/Never synced/);

  // Push instructions name the endpoint and every header.
  const push = page.getByTestId("push-endpoint");
  await expect(push).toContainText("POST /api/events");
  for (const header of ["X-Workbench-Source", "X-Workbench-Timestamp", "X-Workbench-Signature", "Idempotency-Key"]) await expect(push).toContainText(header);
  await expect(push).toContainText(code);

  // Secret: write-only. "not set" → type it → "set"; the value is never in the page, before or after a reload.
  const secrets = page.getByRole("form", { name: "Secrets" });
  await expect(secrets.getByTestId("secret-state")).toHaveText("not set");
  await secrets.getByLabel("Signing secret").fill(secret);
  await secrets.getByRole("button", { name: "Save secrets" }).click();
  await expect(secrets.getByText("Saved: Signing secret.")).toBeVisible();
  await expect(secrets.getByTestId("secret-state")).toHaveText("set");
  await expect(secrets.getByRole("button", { name: "Replace signing secret" })).toBeVisible();
  expect(await page.content()).not.toContain(secret);
  await page.reload();
  await expect(page.getByRole("form", { name: "Secrets" }).getByTestId("secret-state")).toHaveText("set");
  expect(await page.content()).not.toContain(secret);
  const [stored] = await query<{ secretCiphertext: string | null }>(`SELECT "secretCiphertext" FROM "DataSource" WHERE code = $1`, [code]);
  expect(stored.secretCiphertext).toBeTruthy();
  expect(stored.secretCiphertext).not.toContain(secret);

  // A wrong signature is refused and stores nothing.
  const forged = await postSigned(request, { code, secret: "not-the-secret", body: "{}", idempotencyKey: `forged-${suffix}` });
  expect(forged.status()).toBe(401);

  // One good and one bad event in a signed batch: stored before the 202, then processed by the worker.
  const batch = JSON.stringify({
    events: [
      { entity: "supplier", id: `${supplierCode}-1`, version: Date.now(), data: { code: `${supplierCode}-GOOD`, name: "E2E good supplier" } },
      { entity: "supplier", id: `${supplierCode}-2`, version: Date.now(), data: { name: "no code" } },
    ],
  });
  const accepted = await postSigned(request, { code, secret, body: batch, idempotencyKey: `batch-${suffix}` });
  expect(accepted.status()).toBe(202);
  const acceptedBody = (await accepted.json()) as { payloadId: string; runId: string; duplicate: boolean };
  expect(acceptedBody.duplicate).toBe(false);
  // The worker finishes the run: PARTIAL, the good supplier written, the bad event quarantined with its field.
  const runStatus = async () => (await query<{ status: string }>(`SELECT status::text FROM "SyncRun" WHERE id = $1`, [acceptedBody.runId]))[0]?.status;
  await expect.poll(runStatus, { timeout: 30_000, message: "the worker processes the webhook batch" }).toBe("PARTIAL");
  const [run] = await query<{ trigger: string; read: number; accepted: number; quarantined: number }>(`SELECT trigger, read, accepted, quarantined FROM "SyncRun" WHERE id = $1`, [acceptedBody.runId]);
  expect(run).toEqual({ trigger: "webhook", read: 2, accepted: 1, quarantined: 1 });
  const [payload] = await query<{ status: string; runId: string }>(`SELECT status::text, "runId" FROM "RawPayload" WHERE id = $1`, [acceptedBody.payloadId]);
  expect(payload).toEqual({ status: "PARTIAL", runId: acceptedBody.runId });
  expect(await query(`SELECT name, "sourceSystem" FROM "Supplier" WHERE code = $1`, [`${supplierCode}-GOOD`])).toEqual([{ name: "E2E good supplier", sourceSystem: code }]);
  const badEvent = await query<{ entity: string; field: string | null; position: string; status: string }>(
    `SELECT entity, field, position, status::text FROM "QuarantinedRecord" WHERE "runId" = $1`,
    [acceptedBody.runId],
  );
  expect(badEvent).toEqual([{ entity: "supplier", field: "code", position: expect.stringMatching(/event 2$/), status: "OPEN" }]);
  // A repeated delivery with the same key is recognised, not stored twice.
  const again = await postSigned(request, { code, secret, body: batch, idempotencyKey: `batch-${suffix}` });
  expect(again.status()).toBe(200);
  expect(((await again.json()) as { duplicate: boolean }).duplicate).toBe(true);

  // A signed body that is not an event envelope (a bare array) is kept and quarantined at once.
  const bad = JSON.stringify([{ entity: "supplier", version: 1, data: { code: supplierCode, name: "E2E pushed supplier" } }]);
  const rejected = await postSigned(request, { code, secret, body: bad, idempotencyKey: `bad-${suffix}` });
  expect(rejected.status()).toBe(422);
  expect(((await rejected.json()) as { error: string }).error).toMatch(/expected one event object/);

  await page.goto(sourceUrl);
  // Runs: the batch finished PARTIAL with its counts; the rejected body's run failed.
  const batchRun = page.locator(`#run-${acceptedBody.runId}`);
  await expect(batchRun).toHaveAttribute("data-status", "PARTIAL");
  await expect(batchRun).toContainText("read 2 · accepted 1 · quarantined 1");
  await expect(batchRun.getByRole("progressbar")).toHaveCount(0);
  await expect(page.locator('[data-testid="run-row"][data-status="FAILED"]')).toHaveCount(1);
  // Payloads: two rows (the batch and the rejected body; the forged request and the duplicate stored nothing).
  const payloads = page.getByTestId("payload-row");
  await expect(payloads).toHaveCount(2);
  await expect(page.locator('[data-testid="payload-row"][data-status="PARTIAL"]')).toHaveCount(1);
  await expect(page.locator('[data-testid="payload-row"][data-status="FAILED"]')).toContainText("expected one event object");
  await expect(page.locator('[data-testid="payload-row"][data-status="PARTIAL"]').getByRole("link", { name: "View run" })).toHaveAttribute("href", `#run-${acceptedBody.runId}`);

  // Quarantine: the rejected body with its message, and the batch's bad event (no supplier code).
  const quarantineRow = page.getByTestId("quarantine-row").filter({ hasText: "expected one event object" });
  await expect(quarantineRow).toHaveCount(1);
  await expect(quarantineRow).toContainText("webhook body");
  const badEventRow = page.getByTestId("quarantine-row").filter({ hasText: badEvent[0].position });
  await expect(badEventRow).toHaveCount(1);
  await expect(badEventRow).toContainText("supplier");
  await expect(badEventRow).toContainText("code");
  await expect(page.getByRole("heading", { name: "Quarantine (2 open)" })).toBeVisible();
  await expectAccessible(page);

  // Fix & replay: pre-filled with the record; a still-invalid fix is rejected inline with the new reason.
  await quarantineRow.getByRole("button", { name: "Fix & replay webhook body" }).click();
  const dialog = page.getByRole("dialog", { name: /Fix & replay/ });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByLabel("Record (JSON)")).toHaveValue(new RegExp(supplierCode));
  await expectAccessible(page);
  await dialog.getByLabel("Entity (what this record is)").selectOption("supplier");
  await dialog.getByLabel("Record (JSON)").fill(JSON.stringify({ code: supplierCode }));
  await dialog.getByRole("button", { name: "Replay" }).click();
  await expect(dialog.getByTestId("replay-outcome")).toContainText(/Still rejected: .*name/);
  await expect(dialog).toBeVisible();

  // A correct fix is accepted: the dialog closes, the record leaves the open list, the supplier exists.
  await dialog.getByLabel("Record (JSON)").fill(JSON.stringify({ code: supplierCode, name: "E2E pushed supplier" }));
  await dialog.getByRole("button", { name: "Replay" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);
  await expect(page.getByTestId("quarantine-message")).toContainText("the record was accepted");
  await expect(page.getByTestId("quarantine-row").filter({ hasText: "expected one event object" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Quarantine (1 open)" })).toBeVisible();
  await expect(page.getByTestId("quarantine-row").filter({ hasText: badEvent[0].position })).toHaveCount(1);
  const suppliers = await query<{ name: string; sourceSystem: string }>(`SELECT name, "sourceSystem" FROM "Supplier" WHERE code = $1`, [supplierCode]);
  expect(suppliers).toEqual([{ name: "E2E pushed supplier", sourceSystem: code }]);
  await page.reload();
  await expect(page.getByTestId("quarantine-row").filter({ hasText: "expected one event object" })).toHaveCount(0);
});

test("a missing source id is a 404 page for an admin", async ({ page }) => {
  await signIn(page, "admin", /\/admin$/);
  await page.goto("/admin/sources/no-such-source");
  await expect(page.getByRole("heading", { level: 1, name: "Data source not found" })).toBeVisible();
});

test("a planner cannot open data sources: no link, and the pages refuse on the server", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Data sources" })).toHaveCount(0);
  await page.goto("/admin/sources");
  await expect(page.getByText("Only admins can manage data sources.")).toBeVisible();
  await expect(page.getByTestId("sources-table")).toHaveCount(0);
  await page.goto("/admin/sources/ds_odoo_east");
  await expect(page.getByText("Only admins can manage data sources.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Secrets" })).toHaveCount(0);
});
