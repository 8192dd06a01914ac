import { expect, test, type Page } from "@playwright/test";
import { startMailCatcher, startWebhookReceiver, type MailCatcher, type WebhookReceiver } from "../lib/testing/notification-catchers";
import { query, signIn, signOut } from "./support";
import { expectAccessible } from "./accessibility-check";

/**
 * Outbound notifications in the browser, end to end: an admin adds a Slack team channel for DC-NJ approvals
 * and decisions; a planner adds a personal Teams webhook and turns on Slack/Teams for decisions; the planner
 * proposes an action and the supervisor rejects it in the browser — the worker (started by playwright.config.ts
 * with SMTP_URL pointing here) delivers real e-mail to the mail catcher and real Slack/Teams payloads to the
 * webhook receiver, both started by this spec. A refused delivery shows as Failed in the admin view and its
 * Retry button sends it. Works on a low-score DC-NJ case without actions that the other specs leave alone.
 */
const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
const SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? E2E_PORT + 1000);

let mail: MailCatcher;
let hooks: WebhookReceiver;

test.beforeAll(async () => {
  [mail, hooks] = await Promise.all([startMailCatcher(SMTP_PORT), startWebhookReceiver()]);
});
test.afterAll(async () => {
  await Promise.all([mail?.close(), hooks?.close()]);
});

const bodyText = (b: unknown) => JSON.stringify(b);

test("preferences, a team channel and a supervisor's rejection: e-mail, Slack and Teams messages arrive; a failed one is retried from the admin view", async ({ page }) => {
  test.setTimeout(120_000);
  const [c] = await query<{ id: string; number: number }>(
    `SELECT c.id, c.number FROM "Case" c JOIN "Location" l ON l.id = c."siteId"
      WHERE l.code = 'DC-NJ' AND c.status = 'OPEN' AND c."snoozedAt" IS NULL AND c."itemId" IS NOT NULL AND c.severity IN ('MEDIUM', 'HIGH')
        AND NOT EXISTS (SELECT 1 FROM "CaseAction" a WHERE a."caseId" = c.id)
      ORDER BY c.score ASC, c.number ASC LIMIT 1`,
  );
  expect(c, "an untouched DC-NJ case").toBeTruthy();

  // 1. The admin adds a Slack team channel for DC-NJ approvals and decisions.
  await signIn(page, "admin", /\/admin$/);
  await page.goto("/admin/notifications");
  await page.getByRole("button", { name: "Add team channel" }).click();
  const form = page.getByTestId("team-channel-form");
  await form.getByLabel("Name").fill("nj-approvals");
  await form.getByLabel("Incoming-webhook URL").fill(`${hooks.url}/slack/nj-approvals/SECRETPART`);
  for (const kind of ["New critical case", "SLA about to breach"]) await form.getByRole("checkbox", { name: kind }).uncheck();
  for (const kind of ["Approval requested", "Decision made"]) await form.getByRole("checkbox", { name: kind }).check();
  await form.getByRole("checkbox", { name: "DC-NJ" }).check();
  await form.getByRole("button", { name: "Add channel" }).click();
  const channel = page.getByTestId("team-channel").filter({ hasText: "#nj-approvals" });
  await expect(channel).toContainText("Approval requested, Decision made · DC-NJ · all teams");
  await expect(channel).toContainText("/…PART");
  expect(await page.content(), "the webhook URL is write-only").not.toContain("SECRETPART");
  await expectAccessible(page);
  await signOut(page);

  // 2. The planner adds a personal Teams webhook and wants decisions there too.
  await signIn(page, "planner", /\/cases$/);
  await page.goto("/settings/notifications");
  await expect(page.getByRole("heading", { name: "Notification preferences" })).toBeVisible();
  const webhook = page.getByTestId("chat-webhook");
  await webhook.getByLabel("Service").selectOption("TEAMS");
  await webhook.getByLabel("Incoming-webhook URL").fill(`${hooks.url}/teams/priya`);
  await webhook.getByRole("button", { name: "Save webhook" }).click();
  await expect(webhook.getByTestId("chat-webhook-hint")).toHaveText(/127\.0\.0\.1:\d+\/…riya/);
  const prefs = page.getByTestId("preferences-form");
  await prefs.getByRole("checkbox", { name: "Slack / Teams: Decision made" }).check();
  await prefs.getByRole("button", { name: "Save preferences" }).click();
  await expect(prefs.getByRole("status")).toContainText("Your notification preferences are saved.");
  await expect(prefs.getByTestId("preferences-source")).toHaveText("Your own choices.");
  await expectAccessible(page);
  await page.setViewportSize({ width: 768, height: 1000 });
  await expect(prefs.getByRole("checkbox", { name: "Slack / Teams: Mentions" })).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });

  // 3. The planner proposes a recount: the supervisor is asked by e-mail, the team channel in Slack.
  await page.goto(`/cases/${c.id}`);
  const propose = page.getByTestId("propose-action-form");
  await propose.getByLabel(/action type/i).selectOption("RECOUNT");
  await propose.getByLabel(/quantity/i).fill("3");
  await propose.getByLabel(/note/i).fill("E2E notifications: count the bin again");
  await propose.getByRole("button", { name: /propose/i }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  const [action] = await query<{ id: string }>(`SELECT id FROM "CaseAction" WHERE "caseId" = $1 AND status = 'PENDING_APPROVAL'`, [c.id]);
  const asked = await mail.waitFor((m) => m.some((x) => x.envelopeTo.includes("supervisor@demo.local") && x.subject.includes(`case #${c.number}`)), 30_000);
  const askMail = asked.find((x) => x.envelopeTo.includes("supervisor@demo.local") && x.subject.includes(`case #${c.number}`))!;
  expect(askMail.subject).toMatch(new RegExp(`^\\[Exception Workbench\\] Approval needed: Recount \\$[\\d,]+ on case #${c.number}$`));
  expect(askMail.from).toContain("workbench@e2e.local");
  expect(askMail.text).toContain(`Open: http://localhost:${E2E_PORT}/approvals#action-${action.id}`);
  const teamPosts = await hooks.waitFor((p) => p.some((x) => x.path.startsWith("/slack/nj-approvals") && bodyText(x.body).includes("Approval needed")), 30_000);
  const ask = teamPosts.find((x) => x.path.startsWith("/slack/nj-approvals") && bodyText(x.body).includes("Approval needed"))!;
  expect((ask.body as { text: string }).text).toContain(`<http://localhost:${E2E_PORT}/approvals#action-${action.id}|Open>`);
  expect((ask.body as { blocks: { type: string }[] }).blocks[0].type).toBe("header");
  await signOut(page);

  // 4. The supervisor rejects it; the personal Teams webhook refuses the first try (404).
  hooks.failNext(1, 404, "/teams/priya");
  await signIn(page, "supervisor", /\/approvals$/);
  const item = page.locator(`[data-testid="approval-item"][data-action-id="${action.id}"]`);
  await item.getByTestId("reject-button").click();
  await item.getByRole("textbox").fill("Counted last week; the stock is right");
  await item.getByTestId("confirm-reject").click();
  await expect(page.getByTestId("decision-log")).toContainText(`on case #${c.number}: Rejected; the case is open again.`);

  const decided = await mail.waitFor((m) => m.some((x) => x.envelopeTo.includes("planner@demo.local") && x.subject.includes(`Rejected: Recount`) && x.subject.includes(`#${c.number}`)), 30_000);
  expect(decided.find((x) => x.envelopeTo.includes("planner@demo.local") && x.subject.includes(`#${c.number}`))!.text).toContain("Counted last week; the stock is right");
  await hooks.waitFor((p) => p.some((x) => x.path.startsWith("/slack/nj-approvals") && bodyText(x.body).includes("Rejected: Recount")), 30_000);
  await hooks.waitFor((p) => p.some((x) => x.path === "/teams/priya" && x.answeredWith === 404), 30_000);
  await signOut(page);

  // 5. The admin sees the refused delivery as Failed and retries it: the Adaptive Card arrives once.
  await signIn(page, "admin", /\/admin$/);
  await page.goto("/admin/notifications?status=FAILED");
  const failed = page.getByTestId("delivery-row").filter({ hasText: `Rejected: Recount` }).filter({ hasText: "Planner (personal)" });
  await expect(failed).toHaveAttribute("data-status", "FAILED");
  await expect(failed).toContainText("Webhook answered HTTP 404");
  await failed.getByRole("button", { name: /^Retry delivery/ }).click();
  const okPosts = await hooks.waitFor((p) => p.some((x) => x.path === "/teams/priya" && x.answeredWith === 200), 30_000);
  const card = okPosts.find((x) => x.path === "/teams/priya" && x.answeredWith === 200)!.body as { type: string; attachments: { contentType: string; content: { type: string; body: { text?: string }[]; actions: { url: string }[] } }[] };
  expect(card.type).toBe("message");
  expect(card.attachments[0].contentType).toBe("application/vnd.microsoft.card.adaptive");
  expect(card.attachments[0].content.body[0].text).toMatch(new RegExp(`^Rejected: Recount .* on case #${c.number}$`));
  expect(card.attachments[0].content.actions[0].url).toBe(`http://localhost:${E2E_PORT}/cases/${c.id}#actions`);
  await page.goto("/admin/notifications?status=SENT");
  await expect(page.getByTestId("delivery-row").filter({ hasText: `Rejected: Recount` }).filter({ hasText: "Planner (personal)" })).toHaveAttribute("data-status", "SENT");
  await expectAccessible(page);
  // Exactly one successful Teams post and one decision e-mail: no duplicates after the retry.
  await page.waitForTimeout(1500);
  expect(hooks.posts.filter((x) => x.path === "/teams/priya" && x.answeredWith === 200)).toHaveLength(1);
  expect(mail.messages.filter((x) => x.envelopeTo.includes("planner@demo.local") && x.subject.includes(`Rejected: Recount`) && x.subject.includes(`#${c.number}`))).toHaveLength(1);
});
