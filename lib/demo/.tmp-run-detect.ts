import { generateDemoData } from "@/lib/demo/generate-demo";
import { demoSnapshot } from "@/lib/demo/demo-snapshot";
import { runDetection } from "@/lib/domain/detect/run-detection";
const d = generateDemoData({ asOf: new Date("2026-11-25T14:00:00Z") });
const t0 = Date.now();
const cases = runDetection(demoSnapshot(d));
console.log("cases", cases.length, "ms", Date.now() - t0);
const locCode = new Map(d.locations.map((l) => [l.id, l.code]));
const plantedKeys = new Set(d.planted.map((p) => `${p.itemId}@${p.locationId}`));
const byType: Record<string, number> = {}; const bySite: Record<string, number> = {}; const unplanned: Record<string, number> = {};
const ex: Record<string, string[]> = {};
for (const c of cases as any[]) {
  const types = c.findings.map((f: any) => f.type).join(">");
  byType[types] = (byType[types] ?? 0) + 1;
  bySite[locCode.get(c.siteId)!] = (bySite[locCode.get(c.siteId)!] ?? 0) + 1;
  const planted = c.itemId ? plantedKeys.has(`${c.itemId}@${c.siteId}`) : true;
  if (!planted && !types.includes("MASTER_DATA")) { unplanned[types] = (unplanned[types] ?? 0) + 1; (ex[types] ??= []).push(`${c.itemId}@${locCode.get(c.siteId)} ${c.findings[0].summary}`); }
}
console.log(byType); console.log(bySite); console.log("UNPLANNED", unplanned);
for (const k of Object.keys(ex)) console.log(k, ex[k].slice(0, 3));
const sev: Record<string, number> = {}; for (const c of cases as any[]) sev[c.score?.severity ?? c.severity] = (sev[c.score?.severity ?? c.severity] ?? 0) + 1; console.log(sev);
const plantedTypes = new Map<string, string>();
for (const p of d.planted) if (p.itemId) plantedTypes.set(`${p.itemId}@${p.locationId}`, p.type);
const detected = new Set((cases as any[]).map((c) => `${c.itemId}@${c.siteId}`));
for (const p of d.planted) if (p.itemId && p.type !== "MASTER_DATA_INVALID" && !detected.has(`${p.itemId}@${p.locationId}`)) console.log("MISSED", p.type, p.siteCode);
