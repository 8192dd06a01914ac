import { expect, test, type Locator, type Page } from "@playwright/test";
import { query, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * The planner's queue: URL-driven filters, sort and paging (a copied link reproduces the rows), saved views,
 * bulk assign, keyboard triage, live updates that do not move rows, accessibility and a tablet viewport.
 * Works on low-score DC-NJ cases (the bottom of the planner's queue) that the other specs leave alone,
 * and checks the UI against SQL.
 */

const UNRESOLVED = `c.status IN ('OPEN', 'PENDING_APPROVAL', 'ACTION_APPROVED')`;
const NOT_SNOOZED = `(c."snoozedAt" IS NULL OR c."snoozeUntil" <= (now() AT TIME ZONE 'UTC'))`;
const NJ_LOW = `FROM "Case" c JOIN "Location" l ON l.id = c."siteId" WHERE l.code = 'DC-NJ' AND c.severity = 'LOW' AND ${UNRESOLVED} AND ${NOT_SNOOZED}`;

const NJ_LOW_MEDIUM = `FROM "Case" c JOIN "Location" l ON l.id = c."siteId" WHERE l.code = 'DC-NJ' AND c.severity IN ('LOW', 'MEDIUM') AND ${UNRESOLVED} AND ${NOT_SNOOZED}`;

/** Case numbers of a DC-NJ LOW+MEDIUM page as the queue should show it (score asc, then number desc). */
async function njLowMediumNumbers(offset: number, limit: number): Promise<number[]> {
  const rows = await query<{ number: number }>(`SELECT c.number ${NJ_LOW_MEDIUM} ORDER BY c.score ASC, c.number DESC OFFSET ${offset} LIMIT ${limit}`);
  return rows.map((r) => r.number);
}

/**
 * Unassigned, untouched DC-NJ LOW cases (no action, not acknowledged), lowest score first: `skip` lets each test
 * take its own so tests stay independent.
 */
async function untouchedNjLow(skip: number, take: number): Promise<{ id: string; number: number }[]> {
  const rows = await query<{ id: string; number: number }>(
    `SELECT c.id, c.number ${NJ_LOW} AND c.status = 'OPEN' AND c."assigneeId" IS NULL AND c."acknowledgedAt" IS NULL
       AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
     ORDER BY c.score ASC, c.number DESC OFFSET ${skip} LIMIT ${take}`,
  );
  expect(rows.length, "the demo data has enough untouched low-score DC-NJ cases").toBe(take);
  return rows;
}

const rowsOf = (page: Page) => page.getByTestId("case-row");
/** Server-rendered rows appear before the queue is interactive: wait for hydration before clicking or typing. */
async function queueReady(page: Page) {
  await expect(page.getByTestId("case-queue")).toHaveAttribute("data-ready", "true");
  await expect(rowsOf(page).first()).toBeVisible();
}
const shownNumbers = (page: Page) => rowsOf(page).evaluateAll((els) => els.map((e) => Number((e as HTMLElement).dataset.caseNumber)));
const rowFor = (page: Page, n: number): Locator => page.locator(`[data-testid="case-row"][data-case-number="${n}"]`);

test("filter, sort and paginate; the copied link opens the same rows in a new page", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page, "planner", /\/cases$/);
  await queueReady(page);
  const toolbar = page.getByTestId("queue-toolbar");

  // Each change waits for the URL so the next one builds on it.
  await toolbar.getByRole("button", { name: "DC-NJ", exact: true }).click();
  await expect(page).toHaveURL(/site=DC-NJ/);
  await toolbar.getByRole("button", { name: "Low", exact: true }).click();
  await expect(page).toHaveURL(/severity=LOW/);
  await toolbar.getByRole("button", { name: "Medium", exact: true }).click();
  await expect(page).toHaveURL(/severity=LOW%2CMEDIUM/);
  await expect(page.getByTestId("filter-chips")).toContainText("Site: DC-NJ");
  await expect(page.getByTestId("filter-chips")).toContainText("Severity: Low");
  await expect(page.getByTestId("filter-chips")).toContainText("Severity: Medium");
  await page.getByRole("columnheader", { name: /score/i }).getByRole("button").click();
  await expect(page).toHaveURL(/dir=asc/);
  await page.getByLabel("Rows per page").selectOption("10");
  await expect(page).toHaveURL(/pageSize=10/);

  const total = (await query<{ n: number }>(`SELECT count(*)::int AS n ${NJ_LOW_MEDIUM}`))[0].n;
  expect(total, "more than one page of low and medium DC-NJ cases").toBeGreaterThan(10);
  await expect(async () => expect(await shownNumbers(page)).toEqual(await njLowMediumNumbers(0, 10))).toPass();
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(page).toHaveURL(/page=2/);
  const expected = await njLowMediumNumbers(10, 10);
  await expect(async () => expect(await shownNumbers(page)).toEqual(expected)).toPass();
  await expect(page.getByTestId("queue-count")).toHaveText(`11–${10 + expected.length} of ${total} cases`);

  await page.getByRole("button", { name: "Copy link" }).click();
  await expect(page.getByText("Link copied")).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toBe(page.url());

  const other = await context.newPage();
  await other.goto(copied);
  await queueReady(other);
  expect(await shownNumbers(other)).toEqual(expected);
  await expect(other.getByTestId("queue-toolbar").getByRole("button", { name: "DC-NJ", exact: true })).toHaveAttribute("aria-pressed", "true");
  await expect(other.getByRole("columnheader", { name: /score/i })).toHaveAttribute("aria-sort", "ascending");
  await expect(other.getByTestId("queue-page")).toContainText("Page 2 of");
  await other.close();
});

test("column layout and density live in the URL; a saved view applies it again", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases?site=DC-NJ&severity=LOW");
  await queueReady(page);

  await page.getByTestId("columns-button").click();
  const menu = page.getByTestId("column-menu");
  await menu.getByRole("checkbox", { name: "Site", exact: true }).uncheck();
  await expect(page).toHaveURL(/cols=/);
  await menu.getByRole("button", { name: "Move Score up" }).click();
  await page.keyboard.press("Escape");
  await expect(menu).toBeHidden();
  await page.getByRole("button", { name: "Compact", exact: true }).click();
  await expect(page).toHaveURL(/density=compact/);
  await expect(page.getByRole("columnheader", { name: "Site", exact: true })).toHaveCount(0);
  const headers = await page.getByRole("columnheader").allTextContents();
  expect(headers.findIndex((h) => /score/i.test(h))).toBeLessThan(headers.findIndex((h) => /severity/i.test(h)));

  const name = `NJ low ${Date.now()}`;
  await page.getByTestId("views-button").click();
  await page.getByRole("button", { name: "Save current view…" }).click();
  const dialog = page.getByTestId("save-view-dialog");
  await dialog.getByLabel("View name").fill(name);
  await dialog.getByLabel(/Share with the team/).check();
  await dialog.getByRole("button", { name: "Save view" }).click();
  await expect(page.getByText(`Saved view “${name}”.`)).toBeVisible();

  const [saved] = await query<{ query: string; shared: boolean; layout: { order: string[]; hidden: string[]; density: string } }>(
    `SELECT query, shared, layout FROM "SavedView" WHERE "ownerId" = 'usr_planner' AND name = $1`,
    [name],
  );
  expect(saved.shared).toBe(true);
  expect(new URLSearchParams(saved.query).get("site")).toBe("DC-NJ");
  expect(new URLSearchParams(saved.query).get("severity")).toBe("LOW");
  expect(saved.layout.density).toBe("compact");
  expect(saved.layout.hidden).toContain("site");

  // Back to the default queue, then apply the view from the menu.
  await page.goto("/cases");
  await queueReady(page);
  await page.getByTestId("views-button").click();
  await page.getByTestId("views-menu").getByRole("link", { name }).click();
  await expect(page).toHaveURL(/site=DC-NJ/);
  await expect(page).toHaveURL(/density=compact/);
  await expect(page.locator("table[data-density='compact']")).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Site", exact: true })).toHaveCount(0);
  await expect(async () => expect(await shownNumbers(page)).toEqual((await query<{ number: number }>(`SELECT c.number ${NJ_LOW} ORDER BY c.score DESC, c.number DESC LIMIT 25`)).map((r) => r.number))).toPass();
});

test("bulk assign: two selected cases go to the chosen person, and the queue shows it", async ({ page }) => {
  const picked = await untouchedNjLow(0, 2);
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases?site=DC-NJ&severity=LOW&sort=score&dir=asc");
  await queueReady(page);
  for (const c of picked) await rowFor(page, c.number).getByRole("checkbox").check();
  const bar = page.getByTestId("bulk-bar");
  await expect(bar.getByTestId("selected-count")).toHaveText("2 selected");

  await bar.getByLabel("Assign selected cases to").selectOption({ label: "Sam Supervisor" });
  await bar.getByRole("button", { name: "Assign", exact: true }).click();
  await expect(page.getByTestId("triage-outcome")).toContainText("Assigned 2 cases to Sam Supervisor.");
  for (const c of picked) await expect(rowFor(page, c.number).getByTestId("assignee-cell")).toHaveText("Sam Supervisor");
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);

  const rows = await query<{ assigneeId: string | null }>(`SELECT "assigneeId" FROM "Case" WHERE id = ANY($1::text[])`, [picked.map((c) => c.id)]);
  expect(rows.map((r) => r.assigneeId)).toEqual(["usr_supervisor", "usr_supervisor"]);
});

test("keyboard triage: j/k move, ? helps, typing is ignored, a assigns to me, Enter opens", async ({ page }) => {
  const [target] = await untouchedNjLow(2, 1);
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases?site=DC-NJ&severity=LOW&sort=score&dir=asc");
  await queueReady(page);
  const rows = rowsOf(page);

  await page.keyboard.press("j");
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(0)).toHaveAttribute("aria-current", "true");
  await page.keyboard.press("j");
  await expect(rows.nth(1)).toBeFocused();
  await page.keyboard.press("k");
  await expect(rows.nth(0)).toBeFocused();
  await expect(rows.nth(1)).not.toHaveAttribute("aria-current", "true");

  await page.keyboard.press("?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help).toContainText("Assign the highlighted case to me");
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();

  // "/" focuses search; letters typed there are text, not shortcuts.
  await page.keyboard.press("/");
  const search = page.getByLabel("Search cases");
  await expect(search).toBeFocused();
  await page.keyboard.type("x");
  await expect(search).toHaveValue("x");
  await expect(page.getByTestId("bulk-bar")).toHaveCount(0);
  await search.fill("");
  await page.keyboard.press("Escape");
  await expect(page).not.toHaveURL(/q=/);
  await expect(rowFor(page, target.number)).toBeVisible();

  // Walk down to the target row and assign it to me.
  const numbers = await shownNumbers(page);
  const index = numbers.indexOf(target.number);
  expect(index).toBeGreaterThanOrEqual(0);
  await rows.nth(0).focus();
  for (let i = 0; i < index; i++) await page.keyboard.press("j");
  await expect(rowFor(page, target.number)).toBeFocused();
  await page.keyboard.press("a");
  await expect(page.getByTestId("triage-outcome")).toContainText("Assigned 1 case to you.");
  await expect(rowFor(page, target.number).getByTestId("assignee-cell")).toHaveText("Priya Planner");
  const [row] = await query<{ assigneeId: string | null }>(`SELECT "assigneeId" FROM "Case" WHERE id = $1`, [target.id]);
  expect(row.assigneeId).toBe("usr_planner");
  // The highlight stayed on the row through the refetch.
  await expect(rowFor(page, target.number)).toHaveAttribute("aria-current", "true");

  await rowFor(page, target.number).focus();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`/cases/${target.id}$`));
});

test("a background rescore does not move rows: an unobtrusive button shows it", async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases?site=DC-NJ&severity=LOW&sort=score&dir=asc");
  await queueReady(page);
  const before = await shownNumbers(page);
  // Rescore time changes (score unchanged, so no other spec's ranking moves): the next poll sees an update.
  const [c] = await query<{ id: string }>(`SELECT c.id ${NJ_LOW} ORDER BY c.score ASC, c.number DESC LIMIT 1`);
  await query(`UPDATE "Case" SET "lastScoredAt" = (now() AT TIME ZONE 'UTC') WHERE id = $1`, [c.id]);
  const updates = page.getByTestId("queue-updates");
  await expect(updates).toBeVisible({ timeout: 40_000 });
  await expect(updates).toContainText("1 new or updated case");
  expect(await shownNumbers(page)).toEqual(before);
  await updates.click();
  await expect(updates).toHaveCount(0);
  expect(await shownNumbers(page)).toEqual(before);
});

test("a failed request keeps the last rows and says they may be stale, never 'no cases'", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/cases?site=DC-NJ&severity=LOW");
  await queueReady(page);
  const before = await shownNumbers(page);
  // Fault injection: the queue's data request fails from now on.
  await page.route("**/api/cases?**", (route) => route.fulfill({ status: 500, body: "down" }));
  await page.getByTestId("queue-toolbar").getByRole("button", { name: "Medium", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "The queue request failed (500)." })).toContainText("may be stale");
  await expect(page.getByTestId("empty-queue")).toHaveCount(0);
  expect(await shownNumbers(page)).toEqual(before);
  await page.unroute("**/api/cases?**");
});

test("the queue has no serious accessibility violations, with filters open and rows selected", async ({ page }) => {
  await signIn(page, "planner", /\/cases$/);
  await queueReady(page);
  await expectAccessible(page);
  await page.getByRole("button", { name: /More filters/ }).click();
  await expect(page.getByTestId("more-filters")).toBeVisible();
  await rowsOf(page).first().getByRole("checkbox").check();
  await expect(page.getByTestId("bulk-bar")).toBeVisible();
  await expectAccessible(page);
});

test("at tablet width (768 px) only the table region scrolls sideways, not the page", async ({ page }) => {
  await page.setViewportSize({ width: 768, height: 1024 });
  await signIn(page, "planner", /\/cases$/);
  await queueReady(page);
  const region = page.getByRole("region", { name: /case queue table/i });
  await expect(region).toBeVisible();
  await expect(region).toHaveAttribute("tabindex", "0");
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  const regionBox = await region.boundingBox();
  expect(regionBox!.x + regionBox!.width).toBeLessThanOrEqual(768);
});
