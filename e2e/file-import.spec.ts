import { sharedData } from "../lib/testing/shared-data";
import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { query, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * File import on the data source page, end to end with the real worker (playwright.config.ts starts it): the
 * AdventureWorks tables from ../shared/data uploaded in the presets' import order and checked row for row in the
 * database, a corrupted CSV whose bad rows are shown in the preview and quarantined, and an X12 850 that is imported
 * without a mapping and answered with a 997.
 */

const AW = sharedData("tables/adventureworks");
const EDI_850 = sharedData("edi/node-x12/850.edi");

/** Data rows of a headered CSV (none of these files has line breaks inside quoted cells). */
const dataRows = (file: string) => readFileSync(file, "utf8").trim().split(/\r?\n/).length - 1;

/** Create a source through the New source form and land on its page. */
async function createSource(page: Page, opts: { code: string; name: string; kind: "csv" | "x12"; config?: object }) {
  await page.goto("/admin/sources");
  const form = page.getByRole("form", { name: "New source" });
  await form.getByLabel("Code").fill(opts.code);
  await form.getByLabel("Name", { exact: true }).fill(opts.name);
  await form.getByLabel("Kind").selectOption(opts.kind);
  await form.getByLabel("Freshness SLA (minutes)").fill("1440");
  await form.getByLabel("Configuration (JSON)").fill(JSON.stringify(opts.config ?? {}));
  await form.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(/\/admin\/sources\/[^/?#]+$/);
  await expect(page.getByRole("heading", { level: 1, name: opts.name })).toBeVisible();
  return page.url().split("/").pop()!;
}

const importCard = (page: Page) => page.locator("#import");

async function upload(card: Locator, file: string | { name: string; mimeType: string; buffer: Buffer }) {
  await card.getByLabel("File to import").setInputFiles(file);
  await card.getByRole("button", { name: "Upload", exact: true }).click();
}

/** Start the import from the mapping step and wait for the summary. */
async function importAndWait(card: Locator) {
  await card.getByTestId("mapping-step").getByRole("button", { name: /^Import / }).click();
  const result = card.getByTestId("import-result");
  await expect(result).toBeVisible({ timeout: 45_000 });
  return result;
}

const count = async (sql: string, params: unknown[]) => (await query<{ n: number }>(sql, params))[0].n;

test("AdventureWorks tables import in preset order through the wizard and land in the database", async ({ page }) => {
  test.setTimeout(150_000);
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `E2E-AW-${suffix}`;
  await signIn(page, "admin", /\/admin$/);
  const sourceId = await createSource(page, { code, name: `E2E AdventureWorks ${suffix}`, kind: "csv" });
  const card = importCard(page);
  await expect(card.getByTestId("file-import")).toHaveAttribute("data-flavour", "table");
  await expect(card.getByLabel("File to import")).toHaveAttribute("accept", ".csv,.txt,.xlsx");

  const files = [
    { file: "Location.csv", preset: "AdventureWorks Location", entity: "location" },
    { file: "Vendor.csv", preset: "AdventureWorks Vendor", entity: "supplier" },
    { file: "Product.csv", preset: "AdventureWorks Product", entity: "item" },
    { file: "ProductInventory.csv", preset: "AdventureWorks ProductInventory", entity: "inventoryBalance" },
    { file: "PurchaseOrderHeader.csv", preset: "AdventureWorks PurchaseOrderHeader", entity: "purchaseOrderHeader" },
    { file: "PurchaseOrderDetail.csv", preset: "AdventureWorks PurchaseOrderDetail", entity: "purchaseOrderLine" },
  ];
  const rows: Record<string, number> = {};
  for (const { file, preset, entity } of files) {
    const fullPath = path.join(AW, file);
    rows[file] = dataRows(fullPath);
    await upload(card, fullPath);

    // The preset is recognised from the file name and its mapping offered; the preview maps the first 20 rows cleanly.
    const step = card.getByTestId("mapping-step");
    await expect(step.getByTestId("preset-notes")).toContainText(preset);
    await expect(step.getByTestId("mapping-origin")).toHaveAttribute("data-origin", "preset");
    await expect(step.getByLabel("What the file contains")).toHaveValue(entity);
    await expect(step.getByTestId("preview-row")).toHaveCount(Math.min(20, rows[file]));
    await expect(step.locator('[data-testid="preview-row"][data-result="error"]')).toHaveCount(0);
    await expect(step.getByTestId("preview-counts")).toContainText(`${Math.min(20, rows[file])} ready · 0 with errors`);
    // Required fields come first and are marked.
    await expect(step.getByTestId("field-row").first().getByText("required")).toBeVisible();
    if (file === "Vendor.csv") {
      // Lead times would come from ProductVendor.csv, which this source has not received.
      await expect(step.getByTestId("enrichment-note")).toContainText("ProductVendor.csv");
      await expect(step.getByTestId("enrichment-note")).toContainText("has not been uploaded");
      await expectAccessible(page);
    }

    const result = await importAndWait(card);
    await expect(result.getByTestId("result-read")).toHaveText(String(rows[file]));
    await expect(result.getByTestId("result-accepted")).toHaveText(String(rows[file]));
    await expect(result.getByTestId("result-quarantined")).toHaveText("0");
    await expect(card.getByTestId("import-run")).toHaveAttribute("data-status", "SUCCEEDED");
    if (file === "Location.csv") await expectAccessible(page);
    await card.getByRole("button", { name: "Import another file" }).click();
    await expect(card.getByTestId("upload-step")).toBeVisible();
  }

  // Everything the summaries counted is in the database, attributed to this source.
  expect(await count(`SELECT count(*)::int n FROM "Location" WHERE "sourceSystem" = $1`, [code])).toBe(rows["Location.csv"]);
  expect(await count(`SELECT count(*)::int n FROM "Supplier" WHERE "sourceSystem" = $1`, [code])).toBe(rows["Vendor.csv"]);
  expect(await count(`SELECT count(*)::int n FROM "Item" WHERE "sourceSystem" = $1`, [code])).toBe(rows["Product.csv"]);
  expect(await count(`SELECT count(*)::int n FROM "InventoryBalance" WHERE "sourceSystem" = $1`, [code])).toBe(rows["ProductInventory.csv"]);
  expect(await count(`SELECT count(*)::int n FROM "PurchaseOrder" WHERE "sourceSystem" = $1`, [code])).toBe(rows["PurchaseOrderHeader.csv"]);
  expect(
    await count(`SELECT count(*)::int n FROM "PurchaseOrderLine" l JOIN "PurchaseOrder" po ON po.id = l."purchaseOrderId" WHERE po."sourceSystem" = $1`, [code]),
  ).toBe(rows["PurchaseOrderDetail.csv"]);
  const [po1] = await query<{ status: string; supplier: string; lines: number }>(
    `SELECT po.status::text, s.code AS supplier, (SELECT count(*)::int FROM "PurchaseOrderLine" l WHERE l."purchaseOrderId" = po.id) AS lines
       FROM "PurchaseOrder" po JOIN "Supplier" s ON s.id = po."supplierId" WHERE po.number = 'AW-PO-1'`,
  );
  // PurchaseOrderHeader line 1: PurchaseOrderID 1, Status 4 (complete), VendorID 1580; one detail row.
  expect(po1).toEqual({ status: "CLOSED", supplier: "AW-V-1580", lines: 1 });
  // Six runs, each saved its mapping for the next file of the same kind.
  expect(await count(`SELECT count(*)::int n FROM "SyncRun" WHERE "sourceId" = $1 AND trigger = 'upload' AND status = 'SUCCEEDED'`, [sourceId])).toBe(6);
  expect(await count(`SELECT count(*)::int n FROM "ImportMapping" WHERE "sourceId" = $1`, [sourceId])).toBe(6);
});

test("a corrupted CSV: the preview shows the bad rows, an edited mapping is used, the bad rows are quarantined", async ({ page }) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `E2E-BAD-${suffix}`;
  const locationPrefix = `E2E${suffix}-L-`;
  const lines = readFileSync(path.join(AW, "Location.csv"), "utf8").trim().split(/\r?\n/);
  lines[3] = lines[3].split(",").slice(0, 2).join(","); // file line 4: ragged (2 of 5 fields)
  const cells = lines[5].split(",");
  cells[4] = "2019-13-45 00:00:00.000"; // file line 6: ModifiedDate (the record version) is not a date
  lines[5] = cells.join(",");
  const body = Buffer.from(lines.join("\n") + "\n");
  const total = lines.length - 1;

  await signIn(page, "admin", /\/admin$/);
  await createSource(page, { code, name: `E2E corrupted ${suffix}`, kind: "csv" });
  const card = importCard(page);
  await upload(card, { name: "Location.csv", mimeType: "text/csv", buffer: body });

  const step = card.getByTestId("mapping-step");
  await expect(step.getByTestId("mapping-origin")).toHaveAttribute("data-origin", "preset");
  const errors = step.locator('[data-testid="preview-row"][data-result="error"]');
  await expect(errors).toHaveCount(2);
  await expect(errors.nth(0).locator("td").first()).toHaveText("4");
  await expect(errors.nth(1).locator("td").first()).toHaveText("6");
  await expect(errors.nth(0)).toContainText(/expected \d+ fields, found 2/);
  await expect(errors.nth(1)).toContainText("ModifiedDate");
  await expect(errors.nth(1)).toContainText("2019-13-45");
  await expect(step.getByTestId("preview-counts")).toContainText(`${total - 2} ready · 2 with errors`);

  // Edit the mapping: our own location codes (so these rows never touch the AdventureWorks ones) and kind HUB.
  await step.getByLabel("Template for code", { exact: true }).fill(`${locationPrefix}{LocationID}`);
  await step.getByLabel("Source of kind", { exact: true }).selectOption("constant");
  await step.getByLabel("Constant value for kind", { exact: true }).fill("hub");
  await expect(step.getByTestId("mapping-origin")).toHaveAttribute("data-origin", "edited");
  await step.getByRole("button", { name: "Refresh preview" }).click();
  await expect(step.getByTestId("mapping-origin")).toHaveAttribute("data-origin", "yours");
  const firstOk = step.locator('[data-testid="preview-row"][data-result="ok"]').first();
  await expect(firstOk).toContainText(`${locationPrefix}1`);
  await expect(firstOk).toContainText("HUB");
  await expect(errors).toHaveCount(2);
  await expectAccessible(page);

  const result = await importAndWait(card);
  await expect(result.getByTestId("result-read")).toHaveText(String(total));
  await expect(result.getByTestId("result-accepted")).toHaveText(String(total - 2));
  await expect(result.getByTestId("result-quarantined")).toHaveText("2");
  await expect(card.getByTestId("import-run")).toHaveAttribute("data-status", "PARTIAL");
  await expect(result.getByRole("link", { name: "Review the 2 quarantined rows" })).toHaveAttribute("href", "#quarantine");

  // The page refreshed when the run finished: both rows are in the quarantine with file and line.
  await expect(page.getByRole("heading", { name: "Quarantine (2 open)" })).toBeVisible();
  await expect(page.getByTestId("quarantine-row").filter({ hasText: "Location.csv line 4" })).toHaveCount(1);
  await expect(page.getByTestId("quarantine-row").filter({ hasText: "Location.csv line 6" })).toHaveCount(1);
  const landed = await query<{ kind: string; sourceSystem: string }>(`SELECT kind::text, "sourceSystem" FROM "Location" WHERE code LIKE $1`, [`${locationPrefix}%`]);
  expect(landed).toHaveLength(total - 2);
  expect(new Set(landed.map((l) => `${l.kind} ${l.sourceSystem}`))).toEqual(new Set([`HUB ${code}`]));
  const [saved] = await query<{ template: string }>(
    `SELECT m.mapping->'fields'->'code'->>'template' AS template FROM "ImportMapping" m JOIN "DataSource" d ON d.id = m."sourceId" WHERE d.code = $1 AND m.entity = 'location'`,
    [code],
  );
  expect(saved).toEqual({ template: `${locationPrefix}{LocationID}` });

  // The same bytes again: recognised as a duplicate, with the date of the first upload.
  await card.getByRole("button", { name: "Import another file" }).click();
  await upload(card, { name: "Location.csv", mimeType: "text/csv", buffer: body });
  const duplicate = card.getByTestId("duplicate-notice");
  await expect(duplicate).toContainText(/This exact file was already uploaded on \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC — import it again\?/);
  await duplicate.getByRole("button", { name: "Choose another file" }).click();
  await expect(card.getByTestId("upload-step")).toBeVisible();
  expect(await count(`SELECT count(*)::int n FROM "RawPayload" r JOIN "DataSource" d ON d.id = r."sourceId" WHERE d.code = $1`, [code])).toBe(1);
});

test("an X12 850 is imported without a mapping and answered with a 997", async ({ page }) => {
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `E2E-EDI-${suffix}`;
  await signIn(page, "admin", /\/admin$/);
  const sourceId = await createSource(page, { code, name: `E2E EDI ${suffix}`, kind: "x12", config: { partnerLocationCodes: { "0003947268292": "DC-ATL" } } });
  const card = importCard(page);
  await expect(card.getByTestId("file-import")).toHaveAttribute("data-flavour", "edi");
  await expect(card.getByLabel("File to import")).toHaveAttribute("accept", ".edi,.x12,.txt");
  await upload(card, EDI_850);

  const result = card.getByTestId("import-result");
  await expect(result).toBeVisible({ timeout: 45_000 });
  await expect(card.getByTestId("mapping-step")).toHaveCount(0);
  await expect(card.getByTestId("import-run")).toHaveAttribute("data-status", /^(SUCCEEDED|PARTIAL)$/);
  const [run] = await query<{ read: number; accepted: number; quarantined: number; error: string | null }>(
    `SELECT read, accepted, quarantined, error FROM "SyncRun" WHERE "sourceId" = $1 AND trigger = 'upload'`,
    [sourceId],
  );
  expect(run.error).toBeNull();
  expect(run.read).toBeGreaterThan(0);
  expect(run.accepted + run.quarantined).toBe(run.read);
  await expect(result.getByTestId("result-read")).toHaveText(String(run.read));

  // The page refreshed when the run finished: the outbound 997 is listed next to the received file.
  const ack = page.getByTestId("payload-row").filter({ hasText: "997 for" });
  await expect(ack).toHaveCount(1);
  await expect(ack).toContainText("outbound");
  await expect(ack).toContainText("Sent to partner");
  await expect(page.getByTestId("payload-row").filter({ hasText: "850.edi" })).toHaveCount(1);
  const [stored] = await query<{ body: Buffer }>(`SELECT body FROM "RawPayload" WHERE "sourceId" = $1 AND direction = 'OUT'`, [sourceId]);
  expect(stored.body.toString()).toMatch(/ST\*997\*/);
});
