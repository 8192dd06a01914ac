import { expect, test } from "@playwright/test";

/** Sign in through the test OpenID provider's login and consent pages. */
async function ssoSignIn(page: import("@playwright/test").Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: "Sign in with single sign-on" }).click();
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("anything");
  await page.getByRole("button", { name: "Sign-in" }).click();
  const consent = page.getByRole("button", { name: "Continue" });
  if (await consent.isVisible({ timeout: 5_000 }).catch(() => false)) await consent.click();
}

test("a known user signs in with OIDC and gets their workbench role and sites", async ({ page }) => {
  await ssoSignIn(page, "planner@demo.local");
  await expect(page).toHaveURL(/\/cases$/);
  await expect(page.getByTestId("current-user")).toContainText("Priya Planner");
  await expect(page.getByTestId("current-user")).toContainText("planner · 2 sites");
});

test("an identity the workbench does not know is refused", async ({ page }) => {
  await ssoSignIn(page, "stranger@example.com");
  await expect(page).toHaveURL(/\/login\?.*error=AccessDenied/);
  await expect(page.getByRole("alert").filter({ hasText: "not enabled in the workbench" })).toBeVisible();
  const session = await page.request.get("/api/auth/session");
  expect(await session.json()).toEqual({});
});
