import { expect, type Page } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";

export const PASSWORD = "workbench-demo";
export const USERS = {
  planner: "planner@demo.local",
  supervisor: "supervisor@demo.local",
  finance: "finance@demo.local",
  executive: "executive@demo.local",
  admin: "admin@demo.local",
  plannerWest: "planner.west@demo.local",
} as const;

/** Sign in through the real login form and wait for the role's landing page. */
export async function signIn(page: Page, who: keyof typeof USERS, landing: RegExp) {
  await page.goto("/login");
  await page.getByLabel("E-mail").fill(USERS[who]);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  // Sign-in does real work (bcrypt, the throttle counters, an audit row): allow for a loaded CI machine.
  await expect(page).toHaveURL(landing, { timeout: 30_000 });
}

export async function signOut(page: Page) {
  await page.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL(/\/login/);
}

/** Direct database access for assertions the UI cannot make (the e2e database of this run). */
export async function query<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
  try {
    return (await client.query<T>(sql, params)).rows;
  } finally {
    await client.end();
  }
}

/** The id Next assigned to a server action export in this production build. */
export function serverActionId(exportName: string, fileSuffix: string): string {
  const manifest = JSON.parse(readFileSync(path.join(process.cwd(), ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { exportedName?: string; filename?: string; workers: Record<string, unknown> }>;
  };
  const hit = Object.entries(manifest.node).find(([, v]) => v.exportedName === exportName && (v.filename ?? "").endsWith(fileSuffix));
  if (!hit) throw new Error(`server action ${exportName} (${fileSuffix}) not found in the build manifest`);
  return hit[0];
}
