import { expect, test, type Page } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import { PASSWORD, USERS, serverActionId, signIn } from "./support";
import { expectAccessible } from "./accessibility-check";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test("GET /api/health: the verdict for anyone, the checks for an admin, an x-request-id on every answer", async ({ request, page }) => {
  const anonymous = await request.get("/api/health");
  expect(anonymous.status()).toBe(200);
  const summary = await anonymous.json();
  expect(Object.keys(summary)).toEqual(["status"]);
  expect(["ok", "degraded"]).toContain(summary.status);
  expect(anonymous.headers()["x-request-id"]).toMatch(UUID);

  const traced = await request.get("/api/health", { headers: { "x-request-id": "lb-trace-0042" } });
  expect(traced.headers()["x-request-id"]).toBe("lb-trace-0042");
  const hostile = await request.get("/api/health", { headers: { "x-request-id": "bad id\twith tab" } });
  expect(hostile.headers()["x-request-id"]).toMatch(UUID);

  await signIn(page, "planner", /\/cases$/);
  expect(Object.keys(await (await page.request.get("/api/health")).json())).toEqual(["status"]);
  await page.context().clearCookies();

  await signIn(page, "admin", /\/admin$/);
  const detailed = await page.request.get("/api/health");
  expect(detailed.status()).toBe(200);
  const report = await detailed.json();
  expect(report.checks.database.status).toBe("ok");
  expect(report.checks.database.latencyMs).toBeGreaterThanOrEqual(0);
  expect(report.checks.jobQueue.reachable).toBe(true);
  expect(report.checks.jobQueue.queues.map((q: { name: string }) => q.name)).toContain("detect");
  expect(report.checks.sources.sources.length).toBeGreaterThan(0);
  expect(report.version).toMatch(/^\d+\.\d+\.\d+/);
});

test("System health page: admins see queues, latency, sync errors, SLA breaches and worker liveness; others are refused", async ({ page, request }) => {
  await signIn(page, "admin", /\/admin$/);
  await page.getByRole("link", { name: "System health" }).click();
  await expect(page).toHaveURL(/\/admin\/system$/);
  await expect(page.getByRole("heading", { name: "System health", level: 1 })).toBeVisible();
  const panel = page.getByTestId("system-health");
  await expect(panel).toBeVisible();
  await expect(page.getByTestId("queue-table").locator("tr[data-queue='detect']")).toBeVisible();
  await expect(page.getByTestId("check-database")).toContainText("OK");
  await expect(page.getByTestId("worker-last-completed")).toBeVisible();
  await expect(page.getByRole("heading", { name: /SLA breaches/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Sync errors/ })).toBeVisible();
  await expect(page.getByRole("heading", { name: /Event latency/ })).toBeVisible();
  await expect(page.getByTestId("freshness-table")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/system-health-admin.png", fullPage: true });
  await page.setViewportSize({ width: 768, height: 1000 });
  await page.screenshot({ path: "test-results/system-health-tablet.png", fullPage: true });

  // It polls: a second request to the endpoint follows on its own.
  const refresh = await page.waitForResponse((r) => r.url().endsWith("/api/admin/system-health") && r.status() === 200, { timeout: 20_000 });
  expect(refresh.headers()["x-request-id"]).toMatch(UUID);

  expect((await request.get("/api/admin/system-health")).status()).toBe(401);
  await page.context().clearCookies();
  await signIn(page, "supervisor", /\/approvals$/);
  await expect(page.getByRole("link", { name: "System health" })).toHaveCount(0);
  await page.goto("/admin/system");
  await expect(page.getByText("Only admins can open system health.")).toBeVisible();
  await expect(page.getByTestId("system-health")).toHaveCount(0);
  expect((await page.request.get("/api/admin/system-health")).status()).toBe(403);
});

/** A loopback port nobody listens on right now. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((r) => server.close(r));
  return port;
}

test("a request's id is on its response and on the structured log lines of its server action and route", async ({ browser }) => {
  // A second `next start` on this build whose stdout we can read (the shared server's is not ours).
  const port = await freePort();
  const baseURL = `http://localhost:${port}`;
  let output = "";
  const server: ChildProcess = spawn("node_modules/.bin/next", ["start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", AUTH_SECRET: "ops-e2e-secret-0123456789abcdef0123456789", NEXTAUTH_URL: baseURL, LOG_LEVEL: "info", LOG_PRETTY: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));
  try {
    await expect.poll(async () => (await fetch(`${baseURL}/login`).catch(() => null))?.status ?? 0, { timeout: 30_000 }).toBe(200);
    const context = await browser.newContext({ baseURL });
    const page = await context.newPage();
    // A cold server on a busy machine: the first sign-in may take longer than the default 10 s.
    await page.goto("/login");
    await page.getByLabel("E-mail").fill(USERS.admin);
    await page.getByLabel("Password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await expect(page).toHaveURL(/\/admin$/, { timeout: 45_000 });

    const action = await page.request.post("/admin", {
      headers: { "Next-Action": serverActionId("markNotificationsReadAction", "lib/actions/notification-actions.ts"), "Content-Type": "text/plain;charset=UTF-8", Accept: "text/x-component", Origin: baseURL },
      data: JSON.stringify([{}]),
    });
    expect(action.status()).toBe(200);
    const actionRequestId = action.headers()["x-request-id"];
    expect(actionRequestId).toMatch(UUID);

    const route = await page.request.get("/api/health", { headers: { "x-request-id": "ops-e2e-route-1" } });
    expect(route.headers()["x-request-id"]).toBe("ops-e2e-route-1");
    await context.close();

    const lines = () => output.split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as Record<string, unknown>);
    await expect.poll(() => lines().filter((l) => l.requestId === actionRequestId || l.requestId === "ops-e2e-route-1").length, { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
    const actionLine = lines().find((l) => l.requestId === actionRequestId && l.msg === "action")!;
    expect(actionLine).toMatchObject({ level: "info", action: "markNotificationsReadAction", outcome: "ok", viewerId: "usr_admin" });
    expect(typeof actionLine.ms).toBe("number");
    expect(JSON.stringify(actionLine)).not.toContain("ids");
    const routeLine = lines().find((l) => l.requestId === "ops-e2e-route-1" && l.msg === "route")!;
    expect(routeLine).toMatchObject({ route: "GET /api/health", method: "GET", status: 200 });
    expect(output).not.toContain("workbench-demo"); // the sign-in password never reaches a log line
  } finally {
    server.kill("SIGTERM");
  }
});
