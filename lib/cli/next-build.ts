import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { ROOT } from "@/lib/cli/database";

const SOURCES = ["app", "components", "lib", "public", "next.config.js", "package.json", "postcss.config.mjs", "tailwind.config.ts", "proxy.ts", "instrumentation.ts"];

function newestMtime(p: string): number {
  if (!existsSync(p)) return 0;
  const st = statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = st.mtimeMs;
  for (const entry of readdirSync(p)) {
    if (entry === "generated" || entry === "node_modules") continue;
    newest = Math.max(newest, newestMtime(path.join(p, entry)));
  }
  return newest;
}

/** Run `next build` unless the existing build is newer than every source file. */
export function buildIfStale(log = console.log, force = false): void {
  const buildId = path.join(ROOT, ".next", "BUILD_ID");
  const builtAt = existsSync(buildId) ? statSync(buildId).mtimeMs : 0;
  const sourcesAt = Math.max(...SOURCES.map((s) => newestMtime(path.join(ROOT, s))));
  if (!force && builtAt > sourcesAt) {
    log("Production build is up to date.");
    return;
  }
  log("Building the app (next build) …");
  const started = Date.now();
  const r = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" },
  });
  if (r.status !== 0) throw new Error("next build failed");
  log(`Built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}
