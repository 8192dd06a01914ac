import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { USERS, query, serverActionId, signIn } from "./support";

test("a user outside a case's site gets 404 for it, even with the exact URL", async ({ page }) => {
  const [eastCase] = await query<{ id: string }>(
    `select c.id from "Case" c join "Location" l on l.id = c."siteId" where l.code = 'DC-ATL' order by c.score desc limit 1`,
  );
  expect(eastCase).toBeTruthy();
  await signIn(page, "plannerWest", /\/cases$/);
  const response = await page.goto(`/cases/${eastCase.id}`);
  expect(response?.status()).toBe(404);
  await expect(page.getByText(/not found/i).first()).toBeVisible();
  // The queue API does not leak it either.
  const api = await page.request.get(`/api/cases?site=DC-ATL&status=`);
  expect(api.ok()).toBe(true);
  expect((await api.json()).total).toBe(0);
});

test("a planner calling the approve server action directly is refused and nothing changes", async ({ page, baseURL }) => {
  // A pending action to target: proposed by the planner through the real UI path's data layer.
  const [target] = await query<{ id: string }>(
    `select c.id from "Case" c join "Location" l on l.id = c."siteId"
     where l.code in ('DC-ATL','DC-NJ') and c.status = 'OPEN' and c."itemId" is not null order by c.score desc offset 5 limit 1`,
  );
  await signIn(page, "planner", /\/cases$/);
  await page.goto(`/cases/${target.id}`);
  const form = page.getByTestId("propose-action-form");
  await form.getByLabel(/action type/i).selectOption("RECOUNT");
  await form.getByLabel(/quantity/i).fill("3");
  await form.getByLabel(/note/i).fill("Count before approval test");
  await form.getByRole("button", { name: /propose/i }).click();
  await expect(page.getByTestId("case-status")).toContainText(/pending approval/i);
  const [action] = await query<{ id: string }>(`select id from "CaseAction" where "caseId" = $1 and status = 'PENDING_APPROVAL'`, [target.id]);

  // Call decideActionAction exactly as the browser would, but as the planner.
  const id = serverActionId("decideActionAction", "lib/actions/approval-actions.ts");
  const response = await page.request.post("/approvals", {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
    data: JSON.stringify([{ actionId: action.id, decision: "APPROVE" }]),
  });
  const body = await response.text();
  expect(body).toContain('"ok":false');
  expect(body).toContain("FORBIDDEN");
  const [after] = await query<{ status: string; decidedById: string | null }>(`select status, "decidedById" from "CaseAction" where id = $1`, [action.id]);
  expect(after).toEqual({ status: "PENDING_APPROVAL", decidedById: null });
  const audit = await query(`select 1 from "AuditEntry" where "entityId" = $1 and action = 'action.approved'`, [action.id]);
  expect(audit).toHaveLength(0);
});

test("an executive cannot change data through a server action either", async ({ page, baseURL }) => {
  const [c] = await query<{ id: string }>(`select id from "Case" where status = 'OPEN' order by score desc offset 7 limit 1`);
  await signIn(page, "executive", /\/kpi$/);
  const id = serverActionId("proposeActionAction", "lib/actions/case-actions.ts");
  const response = await page.request.post(`/cases/${c.id}`, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
    data: JSON.stringify([{ caseId: c.id, type: "RECOUNT", quantity: 1, note: "executive tries" }]),
  });
  expect(await response.text()).toContain("FORBIDDEN");
  expect(await query(`select 1 from "CaseAction" where "caseId" = $1`, [c.id])).toHaveLength(0);
});

test("a server action posted from another origin is refused by Next and changes nothing, even with a valid session", async ({ page }) => {
  const [c] = await query<{ id: string }>(
    `select c.id from "Case" c join "Location" l on l.id = c."siteId" where l.code = 'DC-ATL' and c.status = 'OPEN' order by c.score desc offset 9 limit 1`,
  );
  await signIn(page, "planner", /\/cases$/);
  const id = serverActionId("addCommentAction", "lib/actions/case-actions.ts");
  const response = await page.request.post(`/cases/${c.id}`, {
    headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: "https://evil.example" },
    data: JSON.stringify([{ caseId: c.id, body: "cross-site comment" }]),
  });
  expect(response.ok()).toBe(false);
  expect(await response.text()).not.toContain('"ok":true');
  expect(await query(`select 1 from "CaseEvent" where "caseId" = $1 and data::text like '%cross-site comment%'`, [c.id])).toHaveLength(0);
});

test("a mutating route handler refuses a cross-site request, even with a valid admin session", async ({ page }) => {
  await signIn(page, "admin", /\/admin$/);
  const [source] = await query<{ id: string }>(`select id from "DataSource" order by code limit 1`);
  const response = await page.request.post(`/api/sources/${source.id}/uploads`, {
    headers: { "X-File-Name": "cross-site.csv", "Content-Type": "text/csv", Origin: "https://evil.example" },
    data: "sku,name\nEVIL-1,Evil\n",
  });
  expect(response.status()).toBe(403);
  // (The worker's scheduled pulls store payloads meanwhile: look for this file, not at the row count.)
  expect(await query(`select 1 from "RawPayload" where "fileName" = 'cross-site.csv'`)).toHaveLength(0);
});

// Direct calls to a few more server actions as a role that may not use them (the integration matrix covers all of them).
const wrongRole = [
  {
    who: "planner",
    landing: /\/cases$/,
    action: "createRoutingRuleAction",
    file: "lib/actions/detection-settings-actions.ts",
    arg: { name: "Planner's own rule", enabled: true, types: [], siteIds: [], supplierCodes: "", minScore: null, team: "planning", assigneeId: null },
  },
  { who: "executive", landing: /\/kpi$/, action: "acknowledgeCasesAction", file: "lib/actions/case-triage-actions.ts", arg: { caseIds: ["x"] } },
  { who: "supervisor", landing: /\/approvals$/, action: "revokeUserSessionsAction", file: "lib/actions/user-session-actions.ts", arg: { userId: "usr_admin" } },
] as const;
for (const w of wrongRole) {
  test(`${w.who} calling ${w.action} directly over HTTP is refused`, async ({ page, baseURL }) => {
    await signIn(page, w.who, w.landing);
    const [{ now }] = await query<{ now: Date }>(`select now()`);
    const response = await page.request.post("/", {
      headers: { "Next-Action": serverActionId(w.action, w.file), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL! },
      data: JSON.stringify([w.arg]),
    });
    const body = await response.text();
    expect(body).toContain('"ok":false');
    expect(body).toContain("FORBIDDEN");
    // Nothing this user did was recorded (the worker may audit its own work meanwhile).
    expect(await query(`select 1 from "AuditEntry" a join "User" u on u.id = a."actorId" where u.email = $1 and a.at >= $2`, [USERS[w.who], now])).toHaveLength(0);
  });
}

test("a source's secret never reaches the browser: not in the page, not in its RSC payload, not even encrypted", async ({ page }) => {
  const secret = `e2e-api-key-${Date.now()}`;
  // Encrypted exactly as the app does (lib/server/ingest/secrets.ts), with the web server's key (playwright.config.ts).
  const ciphertext = execFileSync(
    process.execPath,
    ["--import", "tsx", "-e", "import('./lib/server/ingest/secrets.ts').then((m) => process.stdout.write((m.encryptSecrets ?? m.default.encryptSecrets)({ apiKey: process.argv[1] })))", secret],
    { env: { ...process.env, AUTH_SECRET: process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789" }, encoding: "utf8" },
  ).trim();
  expect(ciphertext).toMatch(/^v1:/);
  const id = `ds_e2e_secret_${Date.now()}`;
  await query(`insert into "DataSource" (id, code, name, kind, enabled, "secretCiphertext") values ($1, $2, 'E2E secret holder', 'odoo', false, $3)`, [id, id.toUpperCase().replace(/_/g, "-"), ciphertext]);
  await signIn(page, "admin", /\/admin$/);
  for (const path of ["/admin/sources", `/admin/sources/${id}`]) {
    await page.goto(path);
    await expect(page.getByText("E2E secret holder").first()).toBeVisible();
    const html = await page.content();
    expect(html).not.toContain(secret);
    expect(html).not.toContain(ciphertext.split(":")[3]);
    // What a client-side navigation fetches: the React Server Components payload.
    const rsc = await (await page.request.get(path, { headers: { RSC: "1" } })).text();
    expect(rsc).toContain("E2E secret holder");
    expect(rsc).not.toContain(secret);
    expect(rsc).not.toContain(ciphertext.split(":")[3]);
  }
});
