// Dev helper: screenshots of pages as a demo user while `npm run demo` runs.
// Usage: node scripts/screenshot.mjs admin@… /admin/sources /cases   (PNG files in /tmp/shots)
import { chromium } from "@playwright/test";
const [,, who, ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium" });
const page = await browser.newPage({ viewport: { width: Number(process.env.W ?? 1280), height: 900 } });
page.on("console", (m) => m.type() === "error" && console.log("console error:", m.text()));
await page.goto("http://localhost:3423/login");
await page.getByLabel("E-mail").fill(who);
await page.getByLabel("Password").fill("workbench-demo");
await page.getByRole("button", { name: "Sign in", exact: true }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/login") && u.pathname !== "/");
for (const p of paths) {
  await page.goto("http://localhost:3423" + p);
  await page.waitForLoadState("networkidle");
  const name = (process.env.W ?? "") + p.replace(/\W+/g, "_");
  await page.screenshot({ path: `/tmp/shots/${who.split("@")[0]}${name}.png`, fullPage: true });
  console.log("shot", name, page.url());
}
await browser.close();
