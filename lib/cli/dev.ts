/**
 * `npm run dev`: like the demo, but `next dev` (hot reload) and a restarting worker instead of a
 * production build. Shares the demo's embedded database (or DATABASE_URL).
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ROOT } from "@/lib/cli/database";
import { prepareDemoDatabase, seedIfEmpty } from "@/lib/cli/prepare-database";
import { appEnv, supervise } from "@/lib/cli/supervise";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const db = await prepareDemoDatabase();
  await seedIfEmpty(db.url, { history: true });
  const env = appEnv(db.url, port);
  supervise(
    [
      spawn(path.join(ROOT, "node_modules/.bin/next"), ["dev", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }),
      spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["watch", "lib/server/jobs/worker.ts"], { cwd: ROOT, env, stdio: "inherit" }),
    ],
    db.stop,
  );
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
