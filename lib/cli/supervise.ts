import type { ChildProcess } from "node:child_process";
import { demoAuthSecret } from "@/lib/cli/prepare-database";

/** Environment for the app and worker processes started by `demo` and `dev`. */
export function appEnv(databaseUrl: string, port: number, extra: Partial<NodeJS.ProcessEnv> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: demoAuthSecret(),
    NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
    ...extra,
  };
}

/** Stop one child with SIGTERM and wait for it (SIGKILL after 15 s). */
function stopChild(c: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (c.exitCode !== null || c.signalCode !== null) return resolve();
    const timer = setTimeout(() => (c.kill("SIGKILL"), resolve()), 15_000);
    c.once("exit", () => (clearTimeout(timer), resolve()));
    c.kill("SIGTERM");
  });
}

/**
 * Keep the children running; on Ctrl+C / SIGTERM, or when one of them dies, stop them all first
 * (the worker finishes its job and closes its pool) and then the database.
 */
export function supervise(children: ChildProcess[], stopDatabase: () => Promise<void>): void {
  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    await Promise.all(children.map(stopChild));
    await stopDatabase();
    process.exit(code);
  };
  for (const c of children) {
    c.on("exit", (code) => {
      if (stopping) return;
      console.error(`A process exited (${code}); stopping.`);
      void stop(1);
    });
  }
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
}
