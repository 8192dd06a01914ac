import { randomBytes } from "node:crypto";
import { parse } from "csv-parse/sync";
import { expect, test, type Page } from "@playwright/test";
import { INJECTION_PAYLOADS as P } from "../lib/testing/fuzz/hostile-values";
import { query, signIn, signOut } from "./support";
import { createWebhookSource, signedHeaders } from "./webhook-support";

/**
 * SQL-like, HTML/script and CSV-formula payloads through the real entry points — a comment, an action note, a
 * resolution note, a saved view name, a webhook record's name, a CSV import — are stored verbatim, shown as literal
 * text in Chromium (no dialog fires, no injected element exists), and the audit CSV export neutralises formulas
 * while keeping the text readable.
 */

/** Fails the test if any injected script ever runs (alert/confirm/prompt all open a dialog). */
function watchDialogs(page: Page): string[] {
  const fired: string[] = [];
  page.on("dialog", (d) => {
    fired.push(d.message());
    void d.dismiss();
  });
  return fired;
}

async function expectInert(page: Page) {
  await expect(page.locator('img[src="x"]'), "an injected <img> exists").toHaveCount(0);
  expect(await page.locator("script").evaluateAll((scripts) => scripts.filter((s) => (s.textContent ?? "").includes('alert("xss")')).length), "an injected <script> exists").toBe(0);
}

async function pickCases(n: number) {
  const rows = await query<{ id: string; number: number }>(
    `SELECT c.id, c.number FROM "Case" c JOIN "Location" l ON l.id = c."siteId"
     WHERE l.code = 'DC-NJ' AND c.status = 'OPEN' AND c.severity <> 'LOW' AND c."snoozedAt" IS NULL AND c."assigneeId" IS NULL
       AND c.id NOT IN (SELECT id FROM "Case" ORDER BY score DESC LIMIT 12)
       AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
       AND NOT EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type NOT IN ('DETECTED', 'RESCORED', 'ESCALATED'))
     ORDER BY c.number DESC LIMIT $1`,
    [n],
  );
  expect(rows.length, "enough untouched DC-NJ cases").toBe(n);
  return rows;
}

test("injection payloads in every text field are stored verbatim, shown inertly, and exported with formulas neutralised", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000);
  const dialogs = watchDialogs(page);
  const [a, b] = await pickCases(2);
  const comment = `${P.sql} ${P.img} ${P.script} ${P.hyperlink}`;
  const actionNote = `${P.plusCmd} ${P.img} ${P.sql}`;
  const resolution = `${P.hyperlink} ${P.atSum} ${P.minus} ${P.script}`;
  const viewName = `${P.img}${P.minus}'; --`;

  await signIn(page, "planner", /\/cases$/);

  // A comment on case A.
  await page.goto(`/cases/${a.id}`);
  await expect(page.getByTestId("comment-form")).toHaveAttribute("data-ready", "true");
  await page.getByRole("textbox", { name: "Comment", exact: true }).fill(comment);
  await page.getByTestId("comment-form").getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByText("Comment added to the timeline.")).toBeVisible();
  // Rendered from the database on a fresh load, not from what was typed.
  await page.reload();
  const shown = page.getByTestId("timeline").locator('[data-event-type="COMMENTED"]').last();
  await expect(shown).toContainText(comment);
  await expectInert(page);
  const [storedComment] = await query<{ text: string }>(`SELECT data->>'body' AS text FROM "CaseEvent" WHERE "caseId" = $1 AND type = 'COMMENTED'`, [a.id]);
  expect(storedComment.text).toBe(comment);
  await shown.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/injection-case-comment.png", fullPage: false });

  // Resolve case A with a note that starts with a formula.
  await expect(page.getByTestId("triage-bar")).toHaveAttribute("data-ready", "true");
  await page.getByTestId("triage-bar").getByRole("button", { name: "Resolve…" }).click();
  const resolve = page.getByRole("dialog", { name: "Resolve case" });
  await resolve.getByLabel("Resolution reason").selectOption("NOT_AN_ISSUE");
  await resolve.getByLabel("Note (optional)").fill(resolution);
  await resolve.getByRole("button", { name: "Resolve case" }).click();
  await expect(page.getByTestId("case-resolution")).toContainText(resolution);
  await expectInert(page);
  expect((await query<{ r: string }>(`SELECT "resolutionReason" AS r FROM "Case" WHERE id = $1`, [a.id]))[0].r).toBe(resolution);

  // An action note on case B.
  await page.goto(`/cases/${b.id}`);
  const form = page.getByTestId("propose-action-form");
  await form.getByLabel(/action type/i).selectOption("RECOUNT");
  await form.getByLabel(/quantity/i).fill("4");
  await form.getByLabel(/note/i).fill(actionNote);
  await form.getByRole("button", { name: /propose/i }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  await expect(page.getByTestId("case-action").first()).toContainText(actionNote);
  await expect(page.getByTestId("decision-panel")).toContainText(actionNote);
  await expectInert(page);
  expect((await query<{ note: string }>(`SELECT note FROM "CaseAction" WHERE "caseId" = $1`, [b.id]))[0].note).toBe(actionNote);

  // A saved view name.
  await page.goto("/cases");
  await page.getByTestId("views-button").click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  const dialog = page.getByTestId("save-view-dialog");
  await dialog.getByLabel("View name").fill(viewName);
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByText(`Saved view “${viewName}”.`)).toBeVisible();
  await page.getByTestId("views-button").click();
  await expect(page.getByText(viewName, { exact: true }).first()).toBeVisible();
  await expectInert(page);
  expect(await query(`SELECT name FROM "SavedView" WHERE "ownerId" = 'usr_planner' AND name = $1`, [viewName])).toHaveLength(1);
  await signOut(page);

  // Webhook records: an accepted supplier and a quarantined location, both named with every payload.
  await signIn(page, "admin", /\/admin$/);
  const suffix = randomBytes(3).toString("hex").toUpperCase();
  const code = `INJ-${suffix}`;
  const secret = `whsec_${randomBytes(12).toString("hex")}`;
  const sourceId = await createWebhookSource(page, baseURL!, code, secret);
  const hostileName = `${P.sql} ${P.img} ${P.hyperlink}`;
  const events = JSON.stringify({ events: [
    { entity: "supplier", id: "s1", version: 1, data: { code: `INJ-${suffix}-SUP`, name: hostileName } },
    { entity: "location", id: "l1", version: 1, data: { code: "", name: `${P.script} ${P.atSum}` } },
  ] });
  const sent = await request.post("/api/events", { data: events, headers: signedHeaders({ code, secret, body: events }) });
  expect(sent.status()).toBe(202);
  await expect.poll(async () => (await query<{ name: string }>(`SELECT name FROM "Supplier" WHERE code = $1`, [`INJ-${suffix}-SUP`]))[0]?.name, { timeout: 30_000 }).toBe(hostileName);
  await expect.poll(async () => (await query(`SELECT 1 FROM "QuarantinedRecord" WHERE "sourceId" = $1`, [sourceId])).length, { timeout: 30_000 }).toBe(1);
  await page.goto(`/admin/sources/${sourceId}`);
  const quarantined = page.getByTestId("quarantine-row").first();
  await expect(quarantined).toBeVisible();
  await expect(quarantined).toContainText("code");
  await expectInert(page);
  await page.screenshot({ path: "test-results/injection-quarantine.png", fullPage: true });

  // A CSV import (AdventureWorks Location preset) whose names are the payloads: preview and database.
  await page.goto("/admin/sources");
  const newSource = page.getByRole("form", { name: "New source" });
  const csvCode = `INJ-CSV-${suffix}`;
  await newSource.getByLabel("Code").fill(csvCode);
  await newSource.getByLabel("Name", { exact: true }).fill(`Injection CSV ${suffix}`);
  await newSource.getByLabel("Kind").selectOption("csv");
  await newSource.getByLabel("Freshness SLA (minutes)").fill("1440");
  await newSource.getByLabel("Configuration (JSON)").fill("{}");
  await newSource.getByRole("button", { name: "Create source" }).click();
  await expect(page).toHaveURL(/\/admin\/sources\/[^/?#]+$/);
  const ids = [91001, 91002, 91003].map((n) => n + Number.parseInt(suffix, 16) % 1000 * 10);
  const names = [P.hyperlink, `${P.img} ${P.sql}`, P.plusCmd];
  const csv = `LocationID,Name,CostRate,Availability,ModifiedDate\r\n${ids.map((id, i) => `${id},"${names[i].replace(/"/g, '""')}",0.00,0.00,2008-04-30 00:00:00.000`).join("\r\n")}\r\n`;
  const card = page.locator("#import");
  await card.getByLabel("File to import").setInputFiles({ name: "Location.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await card.getByRole("button", { name: "Upload", exact: true }).click();
  const step = card.getByTestId("mapping-step");
  for (const name of names) await expect(step.getByText(name, { exact: true }).first()).toBeVisible();
  await expectInert(page);
  await step.getByRole("button", { name: /^Import / }).click();
  await expect(card.getByTestId("import-result")).toBeVisible({ timeout: 45_000 });
  const landed = await query<{ name: string }>(`SELECT name FROM "Location" WHERE code = ANY($1::text[]) ORDER BY code`, [ids.map((id) => `AW-L-${id}`)]);
  expect(landed.map((l) => l.name)).toEqual(names);

  // The audit export of case A: the resolution note is there, readable, and no cell would run as a formula.
  const res = await page.request.get(`/api/audit/export?case=${a.number}`);
  expect(res.status()).toBe(200);
  const rows = parse(await res.text()) as string[][];
  const cells = rows.slice(1).flat();
  expect(cells).toContain(`'${resolution}`);
  for (const cell of cells) expect(cell, "a formula cell in the export").not.toMatch(/^[=+\-@\t\r]/);
  expect(dialogs, "an injected script ran").toEqual([]);
});
