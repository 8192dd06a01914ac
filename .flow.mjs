import { chromium } from "@playwright/test";
const B = "http://localhost:3422";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
async function as(who) {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(B + "/login");
  await page.getByLabel("E-mail").fill(who);
  await page.getByLabel("Password").fill("workbench-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL((u) => !u.pathname.startsWith("/login") && u.pathname !== "/");
  return page;
}
const admin = await as("admin@demo.local");
await admin.goto(B + "/admin/notifications");
for (const [name, svc, path] of [["atl-exceptions", "SLACK", "/slack/atl"], ["ops-leads", "TEAMS", "/teams/ops"]]) {
  await admin.getByRole("button", { name: "Add team channel" }).click();
  const f = admin.getByTestId("team-channel-form");
  await f.getByLabel("Name").fill(name);
  await f.getByLabel("Service").selectOption(svc);
  await f.getByLabel("Incoming-webhook URL").fill("http://127.0.0.1:4412" + path + "/T0001/B0002/abcd1234");
  await f.getByRole("checkbox", { name: "Approval requested" }).check();
  await f.getByRole("button", { name: "Add channel" }).click();
  await admin.getByTestId("team-channel").filter({ hasText: name }).waitFor();
}
const planner = await as("planner@demo.local");
await planner.goto(B + "/settings/notifications");
await planner.getByTestId("send-test").click();
await planner.waitForTimeout(3000);
await planner.reload();
await planner.screenshot({ path: "/tmp/shots/flow_planner_prefs.png", fullPage: true });
await admin.goto(B + "/admin/notifications");
await admin.getByRole("button", { name: "Send test" }).first().click();
await admin.waitForTimeout(3000);
await admin.reload();
await admin.screenshot({ path: "/tmp/shots/flow_admin.png", fullPage: true });
await admin.setViewportSize({ width: 768, height: 1000 });
await admin.screenshot({ path: "/tmp/shots/flow_admin_768.png", fullPage: true });
await planner.setViewportSize({ width: 768, height: 1000 });
await planner.screenshot({ path: "/tmp/shots/flow_planner_768.png", fullPage: true });
await browser.close();
