/**
 * Case exposure without double counting. Rule: findings are bucketed by impact key (e.g. one
 * item-location shortage) and each key counts once, at the largest exposure in the bucket; keys
 * are summed per kind. Proxy service exposures (PO "supply at risk") are dropped when the case
 * holds a concrete service loss, because that loss is what the late supply causes.
 */
import type { Finding, FindingImpact } from "@/lib/domain/model/case-draft";

export interface ExposureBreakdown {
  service: number;
  financial: number;
  /** The finding that carries each counted key's exposure. */
  counted: { key: string; kind: FindingImpact["kind"]; fingerprint: string; exposure: number; finding: Finding }[];
}

/** Sums exposures per kind, counting each impact key once (findings without impact use their fingerprint as key). */
export function aggregateExposure(findings: readonly Finding[]): ExposureBreakdown {
  const hasConcreteService = findings.some((f) => (f.impact?.kind ?? "SERVICE") === "SERVICE" && !f.impact?.proxy && f.exposure > 0);
  const best = new Map<string, { kind: FindingImpact["kind"]; fingerprint: string; exposure: number; finding: Finding }>();
  for (const f of findings) {
    if (f.impact?.proxy && hasConcreteService) continue;
    const key = f.impact?.key ?? f.fingerprint;
    const kind = f.impact?.kind ?? "SERVICE";
    const prev = best.get(key);
    if (!prev || f.exposure > prev.exposure) best.set(key, { kind, fingerprint: f.fingerprint, exposure: Math.max(0, f.exposure), finding: f });
  }
  const counted = [...best.entries()].map(([key, v]) => ({ key, ...v })).sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  let service = 0;
  let financial = 0;
  for (const c of counted) {
    if (c.kind === "SERVICE") service += c.exposure;
    else financial += c.exposure;
  }
  return { service, financial, counted };
}
