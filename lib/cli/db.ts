/**
 * Database commands (`npm run db:*`). Without DATABASE_URL they act on the embedded demo database.
 *   migrate          apply committed migrations
 *   seed [--scale=bench] [--seed=N]   seed demo data + run detection (only into an empty database)
 *   reset            drop and recreate the database, migrate, seed
 *   new-migration NAME   write prisma/migrations/<ts>_NAME from the schema diff (needs a shadow database)
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ROOT, dropDatabase, ensureDatabaseExists, migrate, splitDatabaseUrl } from "@/lib/cli/database";
import { prepareDemoDatabase, seedIfEmpty } from "@/lib/cli/prepare-database";

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];

async function main() {
  const command = process.argv[2];
  const db = await prepareDemoDatabase();
  try {
    if (command === "migrate") return;
    if (command === "seed") {
      const scale = arg("scale") === "bench" ? "bench" : "demo";
      const seeded = await seedIfEmpty(db.url, { scale, seed: Number(arg("seed") ?? 42) });
      if (!seeded) console.log("The database already has data; nothing seeded (use `npm run db:reset`).");
      return;
    }
    if (command === "reset") {
      const { serverUrl, database } = splitDatabaseUrl(db.url);
      await dropDatabase(serverUrl, database);
      await ensureDatabaseExists(serverUrl, database);
      migrate(db.url);
      await seedIfEmpty(db.url, { scale: arg("scale") === "bench" ? "bench" : "demo" });
      return;
    }
    if (command === "new-migration") {
      const name = process.argv[3];
      if (!name || !/^[a-z0-9_]+$/.test(name)) throw new Error("usage: npm run db:new-migration -- <snake_case_name>");
      // `migrate dev` refuses to run non-interactively when a change has warnings; `migrate diff` against the
      // committed migrations (replayed in a shadow database) gives the same SQL without a prompt.
      const r = spawnSync(
        `${ROOT}/node_modules/.bin/prisma`,
        ["migrate", "diff", "--from-migrations", "prisma/migrations", "--to-schema-datamodel", "prisma/schema.prisma", "--script"],
        { cwd: ROOT, encoding: "utf8", env: { ...process.env, DATABASE_URL: db.url, CHECKPOINT_DISABLE: "1" } },
      );
      if (r.status !== 0) throw new Error(`prisma migrate diff failed:\n${r.stderr}`);
      if (/This is an empty migration/.test(r.stdout)) {
        console.log("The schema matches the migrations; nothing to write.");
        return;
      }
      const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
      const dir = path.join(ROOT, "prisma/migrations", `${stamp}_${name}`);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "migration.sql"), r.stdout);
      console.log(`Wrote ${path.relative(ROOT, dir)}/migration.sql — review it, then npm run db:migrate.`);
      return;
    }
    throw new Error(`unknown command ${command ?? "(none)"}; use migrate | seed | reset | new-migration`);
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
