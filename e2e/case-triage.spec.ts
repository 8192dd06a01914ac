import { createHmac, randomBytes } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { query, serverActionId, signIn, signOut } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * Case triage on the case page: snooze "until something changes" and a signed webhook event on the case's
 * item-location wakes it (processed by the real worker: ingest.payload → detect.incremental); the score
 * waterfall and projection charts render; assign to me; a comment @mentioning the supervisor, who sees it on
 * the notification bell; resolve with a reason, then reopen; axe on the page.
 *
 * Works on DC-ATL / DC-NJ item-location cases of types the other specs do not pick (no LOW cases — the queue
 * spec's — none of the accessibility spec's stockout/PO types, nothing in the top 12 by score), untouched so far.
 */

type Picked = { id: string; number: number; sku: string; locationCode: string; onHand: number };

async function pickCases(n: number): Promise<Picked[]> {
  const rows = await query<Picked>(
    `SELECT c.id, c.number, i.sku, l.code AS "locationCode", b."onHand"
     FROM "Case" c JOIN "Location" l ON l.id = c."siteId" JOIN "Item" i ON i.id = c."itemId"
       JOIN "InventoryBalance" b ON b."itemId" = c."itemId" AND b."locationId" = c."siteId"
     WHERE l.code IN ('DC-ATL', 'DC-NJ') AND c.status = 'OPEN' AND c.severity <> 'LOW'
       AND c."primaryType" IN ('ALLOCATION_CONFLICT', 'QUALITY_LOT_HOLD_BLOCKING', 'NEGATIVE_ON_HAND', 'EXPIRY_RISK', 'DEMAND_SPIKE')
       AND c."causeKey" LIKE 'itemloc:%' AND c."snoozedAt" IS NULL AND c."acknowledgedAt" IS NULL
       AND c."assigneeId" IS NULL AND c.id NOT IN (SELECT id FROM "Case" ORDER BY score DESC LIMIT 12)
       AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
       AND NOT EXISTS (SELECT 1 FROM "CaseEvent" e WHERE e."caseId" = c.id AND e.type NOT IN ('DETECTED', 'RESCORED', 'ESCALATED'))
     ORDER BY c.score ASC, c.number ASC
     LIMIT ${n}`,
  );
  expect(rows.length, "the demo data has enough untouched DC-ATL/DC-NJ item-location cases").toBe(n);
  return rows;
}

/** The case page, hydrated (the triage buttons work only after that). */
async function openCase(page: Page, id: string) {
  await page.goto(`/cases/${id}`);
  await expect(page.getByTestId("triage-bar")).toHaveAttribute("data-ready", "true");
}

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

/** As the signed-in admin, create a webhook source and set its signing secret through the real server actions. */
async function createWebhookSource(page: Page, baseURL: string, code: string, secret: string) {
  // Each action is posted to the page that uses it (Next finds an action through its page's bundle).
  const call = (path: string, exportName: string, input: unknown) =>
    page.request.post(path, {
      headers: { "Next-Action": serverActionId(exportName, "lib/actions/data-source-actions.ts"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
      data: JSON.stringify([input]),
    });
  expect((await call("/admin/sources", "createDataSourceAction", { code, name: `Triage events ${code}`, kind: "webhook", slaMinutes: 60, config: {} })).ok()).toBe(true);
  const [source] = await query<{ id: string }>(`SELECT id FROM "DataSource" WHERE code = $1`, [code]);
  expect(source, "the webhook source was created").toBeTruthy();
  expect((await call(`/admin/sources/${source.id}`, "setSecretsAction", { sourceId: source.id, secrets: { signingSecret: secret } })).ok()).toBe(true);
  const [stored] = await query<{ secretCiphertext: string | null }>(`SELECT "secretCiphertext" FROM "DataSource" WHERE id = $1`, [source.id]);
  expect(stored.secretCiphertext, "the signing secret is stored").toBeTruthy();
}

test("snooze until something changes: a signed webhook event on the case's item-location wakes it", async ({ page, request, baseURL }) => {
  test.setTimeout(120_000); // two sign-ins plus the worker's ingest → detect round trip
  const [c] = await pickCases(1);
  const suffix = Date.now().toString(36).toUpperCase();
  const code = `E2E-TRIAGE-${suffix}`;
  const secret = `whsec_triage_${randomBytes(12).toString("hex")}`;
  await signIn(page, "admin", /\/admin$/);
  await createWebhookSource(page, baseURL!, code, secret);
  await signOut(page);

  await signIn(page, "planner", /\/cases$/);
  await openCase(page, c.id);
  await expect(page.getByTestId("case-snooze")).toHaveText("Not snoozed");
  await page.getByTestId("triage-bar").getByRole("button", { name: "Snooze…" }).click();
  const dialog = page.getByRole("dialog", { name: "Snooze case" });
  await dialog.getByLabel("Until", { exact: true }).uncheck();
  await dialog.getByLabel("Until something changes in the source data behind the case").check();
  await dialog.getByRole("button", { name: "Snooze case" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("case-snooze")).toContainText("Snoozed until a source record changes");
  await expect(page.getByTestId("snoozed-badge")).toBeVisible();
  await expect(page.getByTestId("timeline").locator('[data-event-type="SNOOZED"]')).toContainText("Snoozed until a source record changes.");
  expect(await query(`SELECT "snoozeOnChange", "snoozeUntil" FROM "Case" WHERE id = $1`, [c.id])).toEqual([{ snoozeOnChange: true, snoozeUntil: null }]);

  // The WMS reports one more unit on hand at the case's item-location; the worker ingests it and re-detects.
  const body = JSON.stringify({
    events: [{ entity: "inventoryBalance", id: `triage-${suffix}`, version: Date.now(), data: { sku: c.sku, locationCode: c.locationCode, onHand: c.onHand + 1, asOf: new Date().toISOString() } }],
  });
  const accepted = await postSigned(request, { code, secret, body, idempotencyKey: `triage-${suffix}` });
  expect(accepted.status()).toBe(202);
  const woken = async () => (await query<{ n: string }>(`SELECT count(*) AS n FROM "CaseEvent" WHERE "caseId" = $1 AND type = 'WOKEN'`, [c.id]))[0].n;
  await expect.poll(woken, { timeout: 45_000, message: "the worker wakes the snoozed case" }).toBe("1");
  expect(await query(`SELECT "snoozedAt", "snoozeOnChange" FROM "Case" WHERE id = $1`, [c.id])).toEqual([{ snoozedAt: null, snoozeOnChange: false }]);
  const [audit] = await query<{ actorRole: string; reason: string }>(`SELECT "actorRole", reason FROM "AuditEntry" WHERE "caseId" = $1 AND action = 'case.woken'`, [c.id]);
  expect(audit).toEqual({ actorRole: "system", reason: "A source record behind the case changed." });

  await openCase(page, c.id);
  await expect(page.getByTestId("case-snooze")).toHaveText("Not snoozed");
  await expect(page.getByTestId("timeline").locator('[data-event-type="WOKEN"]')).toContainText("Woke from snooze: A source record behind the case changed.");
  await expect(page.getByTestId("timeline").locator('[data-event-type="WOKEN"]')).toContainText("System");
});

test("charts, assign to me, an @mention that reaches the supervisor's bell, resolve with a reason and reopen", async ({ page }) => {
  test.setTimeout(120_000);
  const [, c] = await pickCases(2);
  await signIn(page, "planner", /\/cases$/);
  await openCase(page, c.id);

  // Charts: the score waterfall and the projected balance both draw, with their text alternatives.
  const waterfall = page.getByTestId("score-waterfall").locator("svg.recharts-surface").first();
  await expect(waterfall).toBeVisible();
  await expect(waterfall).toContainText("Exposure");
  await expect(waterfall).toContainText(/\$[\d,]+\.\d{2}/); // each bar is labelled with its value
  await expect(page.getByTestId("projection-chart").locator("svg.recharts-surface").first()).toBeVisible();
  await page.getByText("Show the steps as a table").click();
  const steps = page.getByTestId("waterfall-table");
  for (const label of ["Service $", "Financial $", "Exposure", "× Urgency factor", "× Confidence", "Score"]) await expect(steps.getByRole("rowheader", { name: label, exact: true })).toBeVisible();
  await expect(page.getByTestId("waterfall-version")).toContainText(/Rules\/weights version \d+/);
  await expect(page.getByTestId("waterfall-version").getByRole("link")).toHaveCount(0); // planners cannot open the settings page
  await expect(page.getByTestId("case-sla")).toContainText(/(due in|overdue by) \d+ (minute|hour|day)/);
  await expectAccessible(page);

  // Assign to me from the header.
  await expect(page.getByTestId("case-owner")).toHaveText("Unassigned");
  await page.getByTestId("triage-bar").getByRole("button", { name: "Assign to me" }).click();
  await expect(page.getByTestId("case-owner")).toHaveText("Priya Planner (you)");
  await expect(page.getByTestId("triage-bar").getByRole("button", { name: "Assign to me" })).toHaveCount(0);
  expect(await query(`SELECT "assigneeId" FROM "Case" WHERE id = $1`, [c.id])).toEqual([{ assigneeId: "usr_planner" }]);
  await expect(page.getByTestId("timeline").locator('[data-event-type="ASSIGNED"]')).toContainText("Assigned to Priya Planner.");

  // A comment @mentioning the supervisor through the autocomplete (keyboard only).
  await expect(page.getByTestId("comment-form")).toHaveAttribute("data-ready", "true");
  const box = page.getByRole("textbox", { name: "Comment", exact: true });
  await box.click();
  await box.pressSequentially("Can you check the allocation, @Sa");
  const listbox = page.getByRole("listbox", { name: "People to mention" });
  await expect(listbox).toBeVisible();
  await expect(listbox.getByRole("option", { name: /Sam Supervisor/ })).toHaveAttribute("aria-selected", "true");
  await expect(box).toHaveAttribute("aria-activedescendant", /.+/);
  await box.press("Enter");
  await expect(listbox).toBeHidden();
  await box.pressSequentially("before noon?");
  await expect(box).toHaveValue("Can you check the allocation, @Sam Supervisor before noon?");
  await page.getByTestId("comment-form").getByRole("button", { name: "Add comment" }).click();
  await expect(page.getByText("Comment added; 1 person was notified.")).toBeVisible();
  const comment = page.getByTestId("timeline").locator('[data-event-type="COMMENTED"]').last();
  await expect(comment.getByTestId("mention")).toHaveText("@Sam Supervisor");
  await expect(comment.getByTestId("mention")).toHaveAttribute("data-user-id", "usr_supervisor");
  const [note] = await query<{ userId: string; kind: string; link: string; readAt: Date | null }>(
    `SELECT "userId", kind, link, "readAt" FROM "Notification" WHERE "caseId" = $1`,
    [c.id],
  );
  expect(note).toEqual({ userId: "usr_supervisor", kind: "MENTION", link: `/cases/${c.id}#timeline`, readAt: null });

  // Resolve with a reason, then reopen with a note.
  await page.getByTestId("triage-bar").getByRole("button", { name: "Resolve…" }).click();
  const resolve = page.getByRole("dialog", { name: "Resolve case" });
  await resolve.getByLabel("Resolution reason").selectOption("NOT_AN_ISSUE");
  await resolve.getByLabel("Note (optional)").fill("Allocation is a planned pre-build");
  await resolve.getByRole("button", { name: "Resolve case" }).click();
  await expect(resolve).toBeHidden();
  await expect(page.getByTestId("case-status")).toContainText("Resolved");
  await expect(page.getByTestId("case-resolution")).toHaveText("Resolution: Not an issue — “Allocation is a planned pre-build”");
  expect(await query(`SELECT status::text, "resolutionCode", "resolutionReason" FROM "Case" WHERE id = $1`, [c.id])).toEqual([
    { status: "RESOLVED", resolutionCode: "NOT_AN_ISSUE", resolutionReason: "Allocation is a planned pre-build" },
  ]);

  await page.getByTestId("triage-bar").getByRole("button", { name: "Reopen…" }).click();
  const reopen = page.getByRole("dialog", { name: "Reopen case" });
  await reopen.getByLabel("Why reopen?").fill("Pre-build was cancelled");
  await reopen.getByRole("button", { name: "Reopen case" }).click();
  await expect(reopen).toBeHidden();
  await expect(page.getByTestId("case-status")).toContainText("Open");
  await expect(page.getByTestId("timeline").locator('[data-event-type="REOPENED"]')).toContainText("Reopened: “Pre-build was cancelled”");
  expect(await query(`SELECT status::text, "resolutionCode", "resolvedAt" FROM "Case" WHERE id = $1`, [c.id])).toEqual([
    { status: "OPEN", resolutionCode: null, resolvedAt: null },
  ]);
  const audit = await query<{ action: string }>(`SELECT action FROM "AuditEntry" WHERE "caseId" = $1 AND "actorId" = 'usr_planner' ORDER BY seq`, [c.id]);
  expect(audit.map((a) => a.action)).toEqual(["case.assigned", "case.commented", "case.resolved", "case.reopened"]);
  await signOut(page);

  // The supervisor sees the mention on the bell and opens it.
  await signIn(page, "supervisor", /\/approvals/);
  const [{ n: unread }] = await query<{ n: string }>(`SELECT count(*) AS n FROM "Notification" WHERE "userId" = 'usr_supervisor' AND "readAt" IS NULL`);
  expect(Number(unread)).toBeGreaterThanOrEqual(1);
  await expect(page.getByTestId("notification-count")).toHaveText(Number(unread) > 99 ? "99+" : unread);
  await expect(page.getByTestId("notification-bell")).toHaveAttribute("aria-label", `Notifications, ${unread} unread`);
  await page.getByTestId("notification-bell").click();
  const item = page.getByTestId("notification-item").filter({ hasText: `Priya Planner mentioned you on case #${c.number}` });
  await expect(item).toHaveAttribute("data-unread", "true");
  await expect(item).toContainText("Can you check the allocation, @Sam Supervisor before noon?");
  await expectAccessible(page);
  await item.getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/cases/${c.id}#timeline$`));
  const readAt = async () => (await query<{ readAt: Date | null }>(`SELECT "readAt" FROM "Notification" WHERE "caseId" = $1`, [c.id]))[0].readAt !== null;
  await expect.poll(readAt, { message: "opening the notification marks it read" }).toBe(true);
});
