/**
 * `npm run demo`: the whole workbench on one machine with nothing installed by hand —
 * embedded PostgreSQL (or DATABASE_URL), migrations, demo data + detection on first run,
 * a production build, `next start` and one background worker.
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "@/lib/cli/database";
import { buildIfStale } from "@/lib/cli/next-build";
import { demoAuthSecret, prepareDemoDatabase, seedIfEmpty } from "@/lib/cli/prepare-database";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/generate-demo";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const db = await prepareDemoDatabase();
  await seedIfEmpty(db.url);
  buildIfStale();

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    AUTH_SECRET: demoAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: "production",
  };
  const children: ChildProcess[] = [
    spawn(path.join(ROOT, "node_modules/.bin/next"), ["start", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }),
    // One process (not the tsx wrapper), so SIGTERM reaches the worker itself and we can wait for it.
    spawn(process.execPath, ["--import", "tsx", "lib/server/jobs/worker.ts"], { cwd: ROOT, env, stdio: "inherit" }),
  ];

  console.log(`\nException Workbench is starting on http://localhost:${port}\n`);
  console.log("Demo users (embedded demo only), password for all: " + DEMO_PASSWORD);
  for (const u of DEMO_USERS) console.log(`  ${u.role.padEnd(10)} ${u.email}`);
  console.log("\nPress Ctrl+C to stop.\n");

  let stopping = false;
  const stop = async (code = 0) => {
    if (stopping) return;
    stopping = true;
    // Children first (the worker finishes its job and closes its pool), then the database.
    await Promise.all(
      children.map(
        (c) =>
          new Promise<void>((resolve) => {
            if (c.exitCode !== null || c.signalCode !== null) return resolve();
            const timer = setTimeout(() => (c.kill("SIGKILL"), resolve()), 15_000);
            c.once("exit", () => (clearTimeout(timer), resolve()));
            c.kill("SIGTERM");
          }),
      ),
    );
    await db.stop();
    process.exit(code);
  };
  for (const c of children) c.on("exit", (code) => !stopping && (console.error(`A process exited (${code}); stopping.`), stop(1)));
  process.on("SIGINT", () => stop(0));
  process.on("SIGTERM", () => stop(0));
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
