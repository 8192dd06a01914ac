/**
 * `npm run audit:deps`: `npm audit --omit=dev` (production dependencies only) judged against
 * security/audit-exceptions.json. Prints every high/critical advisory with its package and path;
 * exits 0 when none is left unexplained, 1 when one is, 2 when the advisory database could not be
 * reached (never reported as a pass).
 */
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

type Via = { source?: number; name?: string; title?: string; url?: string; severity?: string; range?: string } | string;
type Vuln = { name: string; severity: string; via: Via[]; range: string; nodes: string[]; fixAvailable: unknown };
type Report = {
  vulnerabilities?: Record<string, Vuln>;
  metadata?: { vulnerabilities: Record<string, number>; dependencies?: { prod?: number } };
  error?: { summary?: string };
  message?: string;
};

const ROOT = path.resolve(__dirname, "../..");
const SEVERE = new Set(["high", "critical"]);

function main(): number {
  const r = spawnSync("npm", ["audit", "--omit=dev", "--json"], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  let report: Report;
  try {
    report = JSON.parse(r.stdout) as Report;
  } catch {
    console.error(`npm audit gave no report (exit ${r.status}).\n${r.stderr.trim()}`);
    return 2;
  }
  if (!report.metadata) {
    console.error(`The advisory database could not be checked: ${report.error?.summary || report.message || r.stderr.trim()}`);
    return 2;
  }
  const accepted = (JSON.parse(readFileSync(path.join(ROOT, "security/audit-exceptions.json"), "utf8")) as { accepted: Record<string, string> }).accepted;
  const counts = report.metadata.vulnerabilities;
  console.log(`npm audit --omit=dev: ${report.metadata.dependencies?.prod ?? "?"} production dependencies; advisories: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(", ")}`);
  const unexplained: string[] = [];
  for (const v of Object.values(report.vulnerabilities ?? {})) {
    if (!SEVERE.has(v.severity)) continue;
    for (const via of v.via) {
      if (typeof via === "string") continue; // reached through another package, listed under that one
      const id = via.url ?? String(via.source);
      const reason = accepted[id] ?? accepted[id.split("/").pop() ?? ""];
      console.log(`${reason ? "accepted" : "UNEXPLAINED"} ${v.severity} ${v.name} ${via.range ?? v.range}: ${via.title} (${id})${reason ? ` — ${reason}` : ""}`);
      if (!reason) unexplained.push(id);
    }
  }
  console.log(unexplained.length ? `${unexplained.length} high/critical advisories need a fix or an explanation (security/audit-exceptions.json + SECURITY.md).` : "No unexplained high or critical advisories in production dependencies.");
  return unexplained.length ? 1 : 0;
}

process.exit(main());
