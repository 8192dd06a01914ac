import { defineConfig, devices } from "@playwright/test";
import { existsSync } from "node:fs";

/**
 * Browser tests run against a production build (`npm test` builds it and provides DATABASE_URL).
 * Our machines can only install Debian's Chromium; elsewhere Playwright's own browser is used.
 */
const PORT = Number(process.env.E2E_PORT ?? 3100);
const BASE_URL = `http://localhost:${PORT}`;
const debianChromium = "/usr/bin/chromium";
// A real OpenID Connect provider for the SSO tests (e2e/oidc/test-identity-provider.mjs).
const OIDC_PORT = Number(process.env.OIDC_TEST_PORT ?? 3201);
// Web and worker must share the secret: source secrets are encrypted with a key derived from it.
const AUTH_SECRET = process.env.AUTH_SECRET ?? "e2e-only-secret-not-for-production-0123456789";
// Outbound notifications go to a mail catcher and webhook receiver that e2e/notifications.spec.ts starts on
// 127.0.0.1 (the SMTP port is fixed here; webhook URLs are entered in the UI). Other specs' mail just retries.
const E2E_SMTP_PORT = Number(process.env.E2E_SMTP_PORT ?? PORT + 1000);
const NOTIFY_ENV = { SMTP_URL: `smtp://127.0.0.1:${E2E_SMTP_PORT}`, MAIL_FROM: "Exception Workbench <workbench@e2e.local>", NOTIFY_WEBHOOK_HOSTS: "127.0.0.1", APP_URL: BASE_URL };

export default defineConfig({
  testDir: "e2e",
  // npm test sets one folder per database, so two passes can run side by side (.ci/run).
  outputDir: process.env.PLAYWRIGHT_OUTPUT_DIR ?? "test-results",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  // Generous: CI runs two passes side by side on 2 cores; a timeout should mean stuck, not slow.
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json"]],
  use: {
    baseURL: BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: existsSync(debianChromium) && !process.env.PLAYWRIGHT_USE_BUNDLED ? { executablePath: debianChromium } : {},
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], viewport: { width: 1280, height: 900 } } }],
  webServer: [
    {
      // The background worker (pg-boss): syncs, uploads, webhook processing and detection run here, as in production.
      command: "node_modules/.bin/tsx lib/server/jobs/worker.ts",
      wait: { stdout: /\[worker\] ready/ },
      timeout: 60_000,
      reuseExistingServer: false,
      env: { DATABASE_URL: process.env.DATABASE_URL ?? "", AUTH_SECRET, ...NOTIFY_ENV },
    },
    {
      command: "node e2e/oidc/test-identity-provider.mjs",
      url: `http://localhost:${OIDC_PORT}/.well-known/openid-configuration`,
      timeout: 30_000,
      reuseExistingServer: false,
      env: { OIDC_TEST_PORT: String(OIDC_PORT), OIDC_TEST_REDIRECT_URI: `${BASE_URL}/api/auth/callback/oidc` },
    },
    {
      command: `node_modules/.bin/next start -p ${PORT}`,
      url: `${BASE_URL}/login`,
      timeout: 60_000,
      reuseExistingServer: false,
      env: {
        DATABASE_URL: process.env.DATABASE_URL ?? "",
        AUTH_SECRET,
        NEXTAUTH_URL: BASE_URL,
        NEXT_TELEMETRY_DISABLED: "1",
        OIDC_ISSUER: `http://localhost:${OIDC_PORT}`,
        OIDC_CLIENT_ID: "workbench-e2e",
        OIDC_CLIENT_SECRET: "workbench-e2e-secret",
        OIDC_NAME: "Test SSO",
        ...NOTIFY_ENV,
      },
    },
  ],
});
