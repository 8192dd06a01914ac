/**
 * `npm run dev`: like the demo, but `next dev` (hot reload) instead of a production build.
 * Shares the demo's embedded database (or DATABASE_URL).
 */
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { ROOT } from "@/lib/cli/database";
import { demoAuthSecret, prepareDemoDatabase, seedIfEmpty } from "@/lib/cli/prepare-database";

async function main() {
  const port = Number(process.env.PORT ?? 3000);
  const db = await prepareDemoDatabase();
  await seedIfEmpty(db.url);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: db.url,
    AUTH_SECRET: demoAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const children: ChildProcess[] = [
    spawn(path.join(ROOT, "node_modules/.bin/next"), ["dev", "-p", String(port)], { cwd: ROOT, env, stdio: "inherit" }),
    spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["watch", "lib/server/jobs/worker.ts"], { cwd: ROOT, env, stdio: "inherit" }),
  ];
  const stop = async () => {
    await Promise.all(
      children.map((c) => new Promise<void>((resolve) => (c.exitCode !== null ? resolve() : (c.once("exit", () => resolve()), c.kill("SIGTERM"))))),
    );
    await db.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
