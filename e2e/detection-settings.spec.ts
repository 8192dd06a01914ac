import { expect, test, type Page } from "@playwright/test";
import { query, serverActionId, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * Detection & routing admin, end to end: an admin saves a changed threshold as a new scoring version (the old row
 * untouched, the diff in the history) and restores the previous one; adds a routing rule, moves it first, previews it
 * on a real case, edits, disables and deletes it; and a planner is kept out by the page and by the server actions.
 *
 * Later specs share this database, so both admin tests leave it as they found it: the threshold is restored (as a new
 * version with the old values), the rule is deleted, and "Run detection now" is never clicked.
 */

type ConfigRow = { version: number; params: { rules: { poAckDays?: number } }; createdById: string | null; note: string | null };
const latestConfig = async () => (await query<ConfigRow>(`SELECT version, params, "createdById", note FROM "ScoringConfig" ORDER BY version DESC LIMIT 1`))[0];

test("admin changes a threshold with a note: a new version with its diff appears, the old one is untouched, and restoring brings it back", async ({ page }) => {
  const before = await latestConfig();
  expect(before, "the seeded detection run stored a scoring version").toBeTruthy();
  const oldAck = before.params.rules.poAckDays ?? 2;
  const newAck = oldAck + 1;
  const note = `E2E: suppliers need a day longer to confirm (${Date.now().toString(36)})`;

  await signIn(page, "admin", /\/admin$/);
  await page.getByRole("link", { name: "Edit thresholds and routing" }).click();
  await expect(page).toHaveURL(/\/admin\/detection$/);
  await expect(page.getByRole("heading", { level: 1, name: "Detection & routing" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Detection & routing" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("heading", { name: `Thresholds and weights (version ${before.version} in use)` })).toBeVisible();
  await expectAccessible(page);

  const form = page.getByRole("form", { name: "Thresholds and weights" });
  const ack = form.getByLabel(/^PO acknowledgement window/);
  const noteField = form.getByLabel(/^Note: why this change/);
  await expect(ack).toHaveValue(String(oldAck));

  // A negative threshold and no note: refused by the server, each field marked, nothing stored.
  await ack.fill("-1");
  await form.getByRole("button", { name: "Save as new version" }).click();
  await expect(form.getByText("Please correct the highlighted fields.")).toBeVisible();
  await expect(ack).toHaveAttribute("aria-invalid", "true");
  await expect(noteField).toHaveAttribute("aria-invalid", "true");
  expect((await latestConfig()).version).toBe(before.version);

  // A valid change with its reason: saved as the next version.
  await ack.fill(String(newAck));
  await noteField.fill(note);
  await form.getByRole("button", { name: "Save as new version" }).click();
  const saved = page.getByTestId("scoring-form-message");
  await expect(saved).toContainText(`Saved as version ${before.version + 1}.`);
  await expect(saved).toContainText("New thresholds apply at the next detection run.");
  await expect(saved.getByRole("button", { name: "Run detection now" })).toBeVisible();
  await expect(page.getByRole("heading", { name: `Thresholds and weights (version ${before.version + 1} in use)` })).toBeVisible();
  await expect(ack).toHaveValue(String(newAck));

  const newRow = page.locator(`[data-testid="version-row"][data-version="${before.version + 1}"]`);
  await expect(newRow).toContainText(note);
  await expect(newRow).toContainText("Alex Admin");
  await expect(newRow).toContainText("In use");
  await expect(newRow.getByTestId("version-changes")).toHaveText(`PO acknowledgement window (days): ${oldAck} → ${newAck}`);

  // The database: a new row, the previous one byte-for-byte as it was, and an audit entry with the reason.
  const [oldRow] = await query<ConfigRow>(`SELECT version, params, "createdById", note FROM "ScoringConfig" WHERE version = $1`, [before.version]);
  expect(oldRow).toEqual(before);
  const created = await latestConfig();
  expect(created.version).toBe(before.version + 1);
  expect(created.params.rules.poAckDays).toBe(newAck);
  expect(created.createdById).toBe("usr_admin");
  expect(created.note).toBe(note);
  expect(await query(`SELECT action, reason FROM "AuditEntry" WHERE "entityType" = 'ScoringConfig' AND "entityId" = $1`, [String(created.version)])).toEqual([
    { action: "scoring_config.created", reason: note },
  ]);
  await expectAccessible(page);

  // Restore the previous version: a third version equal to it (old rows are never edited).
  const previousRow = page.locator(`[data-testid="version-row"][data-version="${before.version}"]`);
  await previousRow.getByRole("button", { name: `Restore version ${before.version}` }).click();
  await previousRow.getByRole("button", { name: "Yes, restore" }).click();
  await expect(previousRow).toContainText(`Restored as version ${before.version + 2}.`);
  const restoredRow = page.locator(`[data-testid="version-row"][data-version="${before.version + 2}"]`);
  await expect(restoredRow).toContainText(`Restored version ${before.version}`);
  await expect(restoredRow.getByTestId("version-changes")).toHaveText(`PO acknowledgement window (days): ${newAck} → ${oldAck}`);
  await expect(ack).toHaveValue(String(oldAck));
  const restored = await latestConfig();
  expect(restored.version).toBe(before.version + 2);
  expect({ ...restored.params, version: 0 }).toEqual({ ...created.params, version: 0, rules: { ...created.params.rules, poAckDays: oldAck } });
});

test("admin adds a routing rule, moves it first, previews it on a case, edits, disables and deletes it", async ({ page }) => {
  const suffix = Date.now().toString(36);
  const name = `E2E rule ${suffix}`;
  const team = `e2e-team-${suffix}`;
  // The preview offers the 20 newest unresolved cases; take one with a supplier so every condition kind is used.
  const newest = await query<{ id: string; primaryType: string; siteId: string; supplierId: string | null; score: number }>(
    `SELECT id, "primaryType", "siteId", "supplierId", score FROM "Case" WHERE status <> 'RESOLVED' ORDER BY "openedAt" DESC, number DESC LIMIT 20`,
  );
  const target = newest.find((c) => c.supplierId) ?? newest[0];
  expect(target, "an unresolved case exists").toBeTruthy();
  const [supplier] = target.supplierId ? await query<{ code: string }>(`SELECT code FROM "Supplier" WHERE id = $1`, [target.supplierId]) : [];
  const minScore = Math.floor(target.score);
  const rulesBefore = await query<{ id: string }>(`SELECT id FROM "RoutingRule" ORDER BY position, id`);

  await signIn(page, "admin", /\/admin$/);
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Detection & routing" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Detection & routing" })).toBeVisible();
  await expect(page.getByText("first enabled rule whose conditions all match wins")).toBeVisible();
  await expect(page.getByTestId("routing-rule-row")).toHaveCount(rulesBefore.length);

  const form = page.getByRole("form", { name: "New routing rule" });
  await form.getByLabel("Rule name").fill(name);
  await form.locator(`input[type="checkbox"][value="${target.primaryType}"]`).check();
  await form.locator(`input[type="checkbox"][value="${target.siteId}"]`).check();
  await form.getByLabel("Minimum score (USD)").fill(String(minScore));
  await form.getByLabel("Team").fill(team);
  await form.getByLabel("Assignee (optional)").selectOption("usr_supervisor");

  // An unknown supplier code is refused by the server under the field; nothing is stored.
  await form.getByLabel("Supplier codes").fill(`NO-SUCH-${suffix}`);
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(form.getByText(`Unknown supplier code: NO-SUCH-${suffix}`)).toBeVisible();
  await expect(form.getByLabel("Supplier codes")).toHaveAttribute("aria-invalid", "true");
  expect(await query(`SELECT 1 FROM "RoutingRule" WHERE name = $1`, [name])).toHaveLength(0);

  await form.getByLabel("Supplier codes").fill(supplier?.code ?? "");
  await form.getByRole("button", { name: "Create rule" }).click();
  await expect(form.getByRole("status")).toContainText(`Rule “${name}” created.`);
  const rows = page.getByTestId("routing-rule-row");
  await expect(rows).toHaveCount(rulesBefore.length + 1);
  await expect(rows.last()).toContainText(name);
  const row = rows.filter({ hasText: name });
  await expect(row).toContainText(team);
  await expect(row).toContainText("assigned to Sam Supervisor");
  if (supplier) await expect(row).toContainText(`Suppliers: ${supplier.code}`);

  const [stored] = await query<{ id: string; conditions: unknown; team: string; assigneeId: string | null; enabled: boolean }>(
    `SELECT id, conditions, team, "assigneeId", enabled FROM "RoutingRule" WHERE name = $1`,
    [name],
  );
  expect(stored).toEqual({
    id: expect.any(String),
    conditions: { types: [target.primaryType], siteIds: [target.siteId], ...(target.supplierId ? { supplierIds: [target.supplierId] } : {}), minScore },
    team,
    assigneeId: "usr_supervisor",
    enabled: true,
  });

  // Move it to the top, one place per click.
  for (let i = rulesBefore.length; i > 0; i--) {
    await row.getByRole("button", { name: `Move up ${name}` }).click();
    await expect(rows.nth(i - 1)).toContainText(name);
  }
  await expect(rows.first()).toContainText("#1");
  await expect(row.getByRole("button", { name: `Move up ${name}` })).toBeDisabled();

  // Edit: a new team; the form is accessible.
  await row.getByRole("button", { name: `Edit ${name}` }).click();
  const edit = page.getByRole("form", { name: "Edit routing rule" });
  await expect(edit.getByLabel("Rule name")).toHaveValue(name);
  await expectAccessible(page);
  await edit.getByLabel("Team").fill(`${team}-b`);
  await edit.getByRole("button", { name: "Save rule" }).click();
  await expect(edit.getByRole("status")).toContainText("saved");
  await expect(row).toContainText(`${team}-b`);
  await page.getByRole("button", { name: "Close editor" }).click();

  // The preview runs the routing function over the saved rules: our rule, now first, claims the case.
  const preview = page.getByTestId("routing-preview-result");
  await page.getByLabel("Case (20 newest open cases)").selectOption(target.id);
  await expect(preview).toContainText(`Rule #1 “${name}” matches first → team ${team}-b, assigned to Sam Supervisor.`);

  // Disabled rules are skipped, by detection and by the preview.
  await row.getByRole("button", { name: `Disable ${name}` }).click();
  await expect(row).toContainText("Disabled (skipped)");
  await expect(preview).not.toContainText(name);
  expect((await query<{ enabled: boolean }>(`SELECT enabled FROM "RoutingRule" WHERE id = $1`, [stored.id]))[0].enabled).toBe(false);

  // Delete asks first; afterwards the other rules are back in their original order.
  await row.getByRole("button", { name: `Delete ${name}` }).click();
  await row.getByRole("button", { name: "Yes, delete" }).click();
  await expect(rows.filter({ hasText: name })).toHaveCount(0);
  await expect(page.getByTestId("routing-message")).toContainText(`Deleted “${name}”.`);
  expect(await query(`SELECT 1 FROM "RoutingRule" WHERE id = $1`, [stored.id])).toHaveLength(0);
  expect(await query<{ id: string }>(`SELECT id FROM "RoutingRule" ORDER BY position, id`)).toEqual(rulesBefore);

  const audit = await query<{ action: string }>(`SELECT action FROM "AuditEntry" WHERE "entityType" = 'RoutingRule' AND "entityId" = $1 ORDER BY seq`, [stored.id]);
  expect([...new Set(audit.map((a) => a.action))]).toEqual(["routing_rule.created", "routing_rule.moved", "routing_rule.updated", "routing_rule.disabled", "routing_rule.deleted"]);
});

test("a planner cannot open detection settings: no link, the page refuses, and the server actions refuse too", async ({ page, baseURL }) => {
  await signIn(page, "planner", /\/cases$/);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Detection & routing" })).toHaveCount(0);
  await page.goto("/admin/detection");
  await expect(page.getByText("Only admins can change detection and routing settings.")).toBeVisible();
  await expect(page.getByRole("form", { name: "Thresholds and weights" })).toHaveCount(0);
  await expect(page.getByTestId("routing-rules")).toHaveCount(0);

  // Calling the actions directly, with input that passes validation, is refused by the data layer.
  const before = await latestConfig();
  const changed = { ...before.params, rules: { ...before.params.rules, poAckDays: (before.params.rules.poAckDays ?? 2) + 5 }, version: before.version };
  const post = (exportName: string, input: unknown) =>
    page.request.post("/admin/detection", {
      headers: { "Next-Action": serverActionId(exportName, "lib/actions/detection-settings-actions.ts"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
      data: JSON.stringify([input]),
    });
  const save = await post("saveScoringParamsAction", { baseVersion: before.version, note: "planner tries", params: changed });
  expect(await save.text()).toContain("FORBIDDEN");
  expect((await latestConfig()).version).toBe(before.version);

  const rules = await query<{ n: string }>(`SELECT count(*) AS n FROM "RoutingRule"`);
  const create = await post("createRoutingRuleAction", { name: "Planner rule", enabled: true, types: [], siteIds: [], supplierCodes: "", minScore: null, team: "planners", assigneeId: null });
  expect(await create.text()).toContain("FORBIDDEN");
  expect(await query<{ n: string }>(`SELECT count(*) AS n FROM "RoutingRule"`)).toEqual(rules);
});
