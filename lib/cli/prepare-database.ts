import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createPrismaClient } from "@/lib/server/prisma-client";
import { runDetectionPipeline } from "@/lib/server/pipeline/run-detection";
import { seedDemo } from "@/prisma/seed/seed-demo";
import { ROOT, ensureDatabaseExists, migrate, resolveServer, splitDatabaseUrl } from "@/lib/cli/database";
import pg from "pg";
import { DEMO_HISTORY, seedKpiHistory } from "@/lib/server/kpi/seed-history";
import { refreshKpiSnapshots } from "@/lib/server/kpi/refresh";

export type PreparedDatabase = { url: string; embedded: boolean; stop: () => Promise<void> };

/** The demo database: DATABASE_URL, or database `workbench` on the embedded server; migrated. */
export async function prepareDemoDatabase(log = console.log): Promise<PreparedDatabase> {
  const server = await resolveServer("demo", log);
  let url = server.url;
  if (server.embedded) {
    await ensureDatabaseExists(server.url, "workbench");
    url = `${server.url}/workbench`;
  } else {
    const { serverUrl, database } = splitDatabaseUrl(url);
    await ensureDatabaseExists(serverUrl, database).catch(() => {
      /* no CREATEDB right: the database must already exist, migrate will say so */
    });
  }
  migrate(url, log);
  return { url, embedded: server.embedded, stop: server.stop };
}

/** Seed demo data and run detection when the database has no items yet; returns whether it seeded. */
export async function seedIfEmpty(url: string, opts: { scale?: "demo" | "bench"; seed?: number; history?: boolean } = {}, log = console.log): Promise<boolean> {
  const db = createPrismaClient(url);
  try {
    if ((await db.item.count()) > 0) {
      // Demo dates are generated relative to the seeding moment; old data makes everything overdue.
      const firstCase = await db.case.findFirst({ orderBy: { openedAt: "asc" }, select: { openedAt: true } });
      const ageHours = firstCase ? (Date.now() - firstCase.openedAt.getTime()) / 3_600_000 : 0;
      if (ageHours > 24) log(`Note: the data in this database was detected ${Math.round(ageHours / 24)} day(s) ago; \`npm run db:reset\` regenerates fresh demo dates.`);
      return false;
    }
    const asOf = new Date();
    log(`Seeding ${opts.scale ?? "demo"} data (seed ${opts.seed ?? 42}) …`);
    const seeded = await seedDemo(db, { databaseUrl: url, asOf, scale: opts.scale ?? "demo", seed: opts.seed ?? 42, log });
    log(`Seeded in ${seeded.ms} ms: ${Object.entries(seeded.counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
    const run = await runDetectionPipeline(db, asOf);
    log(`Detection: ${run.cases} cases from ${run.findings} exceptions in ${run.ms} ms.`);
    if (opts.history) {
      // A year of resolved cases, receipts, shipments and counts, so the KPI dashboard has trends to show.
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        const t = Date.now();
        const counts = await seedKpiHistory(client, { ...DEMO_HISTORY, asOf });
        log(`KPI history in ${Date.now() - t} ms: ${Object.entries(counts).map(([k, v]) => `${v} ${k}`).join(", ")}`);
      } finally {
        await client.end();
      }
    }
    const snap = await refreshKpiSnapshots(db, asOf);
    log(`KPI snapshots refreshed in ${snap.ms} ms.`);
    return true;
  } finally {
    await db.$disconnect();
  }
}

/** AUTH_SECRET from the environment, or a random one kept in .data/ for the local demo only. */
export function demoAuthSecret(): string {
  if (process.env.AUTH_SECRET) return process.env.AUTH_SECRET;
  const file = path.join(ROOT, ".data", "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(path.dirname(file), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
