/**
 * `next start` for the HTTP benchmarks (bench:queue, bench:load): a free port, the production server in its own
 * process group, readiness, and next-auth credentials sign-in.
 */
import { spawn, type ChildProcess } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { ROOT } from "@/lib/cli/database";

/** The demo users' password (prisma/seed): the benchmark databases are seeded with them. */
export const BENCH_PASSWORD = "workbench-demo";

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

export function startServer(port: number, databaseUrl: string): ChildProcess {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    NEXTAUTH_URL: `http://127.0.0.1:${port}`,
    NEXT_TELEMETRY_DISABLED: "1",
  };
  delete env.NODE_OPTIONS;
  const startArgs = ["start", "-p", String(port), "-H", "127.0.0.1"];
  // --profile=DIR: a V8 CPU profile of the server, written to DIR when it stops (where request time goes).
  const profile = process.argv.find((a) => a.startsWith("--profile="))?.split("=")[1];
  const [cmd, args] = profile
    ? [process.execPath, [`--cpu-prof`, `--cpu-prof-dir=${profile}`, path.join(ROOT, "node_modules/next/dist/bin/next"), ...startArgs]]
    : [path.join(ROOT, "node_modules/.bin/next"), startArgs];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true, // its own process group, so the whole tree stops with it
  });
  child.stdout?.on("data", (d) => process.argv.includes("--verbose") && process.stdout.write(`[next] ${d}`));
  child.stderr?.on("data", (d) => process.stderr.write(`[next] ${d}`));
  return child;
}

export function stopServer(child: ChildProcess | null): Promise<void> {
  if (!child || child.exitCode !== null || !child.pid) return Promise.resolve();
  return new Promise((resolve) => {
    const done = setTimeout(() => {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {}
      resolve();
    }, 5_000);
    child.once("exit", () => (clearTimeout(done), resolve()));
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {
      clearTimeout(done);
      resolve();
    }
  });
}

export async function waitReady(base: string, timeoutMs = 90_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const ok = await fetch(`${base}/api/auth/csrf`).then((r) => r.ok).catch(() => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`next start did not answer on ${base} within ${timeoutMs / 1000} s`);
}

export const cookieHeader = (setCookies: string[]) => setCookies.map((c) => c.split(";")[0]).join("; ");

/** next-auth credentials sign-in: csrf token + cookie, then the callback; returns the session cookies. */
export async function signIn(base: string, email: string, password = BENCH_PASSWORD): Promise<string> {
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookieHeader(csrf.headers.getSetCookie()) },
    body: new URLSearchParams({ csrfToken, email, password, json: "true", callbackUrl: `${base}/cases` }),
  });
  const session = res.headers.getSetCookie().filter((c) => c.includes("session-token"));
  if (session.length === 0) throw new Error(`sign-in as ${email} failed (HTTP ${res.status})`);
  const cookie = cookieHeader(session);
  const check = await fetch(`${base}/api/cases`, { headers: { cookie } });
  if (check.status !== 200) throw new Error(`GET /api/cases as ${email} answered ${check.status}`);
  return cookie;
}
