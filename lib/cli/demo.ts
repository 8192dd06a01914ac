/**
 * `npm run demo`: the whole workbench on one machine with nothing installed by hand —
 * embedded PostgreSQL (or DATABASE_URL), migrations, demo data + detection on first run,
 * a production build, `next start` and one background worker.
 */
import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { ROOT } from "@/lib/cli/database";
import { buildIfStale } from "@/lib/cli/next-build";
import { prepareDemoDatabase, seedIfEmpty } from "@/lib/cli/prepare-database";
import { appEnv, supervise } from "@/lib/cli/supervise";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/generate-demo";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const db = await prepareDemoDatabase();
  const seeded = await seedIfEmpty(db.url);
  buildIfStale();

  const env = appEnv(db.url, port, { NODE_ENV: "production" });
  if (seeded) {
    spawnSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "lib/cli/demo-activity.ts"], { cwd: ROOT, env, stdio: "inherit" });
  }
  supervise(
    [
      spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }),
      // One process (not the tsx wrapper), so SIGTERM reaches the worker itself and we can wait for it.
      spawn(process.execPath, ["--import", "tsx", "lib/server/jobs/worker.ts"], { cwd: ROOT, env, stdio: "inherit" }),
    ],
    db.stop,
  );

  console.log(`\nException Workbench is starting on http://localhost:${port}\n`);
  console.log("Demo users (embedded demo only), password for all: " + DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
  console.log("\nPress Ctrl+C to stop.\n");
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
