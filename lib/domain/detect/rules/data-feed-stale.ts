/** DATA_FEED_STALE: an adapter's last good sync is older than its SLA (or it never synced, or its pulls keep failing). */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { DetectionContext } from "@/lib/domain/detect/context";
import { locCode, makeFinding } from "@/lib/domain/detect/finding";
import { addDays, daysBetween } from "@/lib/domain/util/dates";
import { round } from "@/lib/domain/util/numbers";

/**
 * One finding per stale source, sited at the location with the most balances from it. Exposure is
 * $0 by design: the harm is lower confidence on dependent cases; the severity floor keeps it HIGH.
 */
export function detectDataFeedStale(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  const sources = [...ctx.snapshot.dataSources].filter((s) => ctx.staleSources.has(s.code)).sort((a, b) => a.code.localeCompare(b.code));
  for (const s of sources) {
    const perLoc = new Map<string, number>();
    for (const b of ctx.snapshot.balances) if (b.sourceSystem === s.code) perLoc.set(b.locationId, (perLoc.get(b.locationId) ?? 0) + 1);
    const ranked = [...perLoc.entries()].sort((a, b) => b[1] - a[1] || locCode(ctx, a[0]).localeCompare(locCode(ctx, b[0])));
    const siteId = ranked[0]?.[0] ?? [...ctx.snapshot.locations].sort((a, b) => a.code.localeCompare(b.code))[0]?.id;
    if (!siteId) continue;
    const dependent = [...perLoc.values()].reduce((n, c) => n + c, 0);
    const ageHours = s.lastSuccessAt ? round(daysBetween(s.lastSuccessAt, ctx.asOf) * 24, 1) : null;
    out.push(
      makeFinding(ctx, {
        type: "DATA_FEED_STALE",
        objectKey: s.code,
        causeKey: `source:${s.code}`,
        siteId,
        itemId: null,
        supplierId: null,
        summary: s.unhealthy
          ? `${s.name} (${s.code}) is failing its syncs${s.lastSuccessAt ? `; last good sync ${ageHours} h ago` : ""}; ${dependent} balances depend on it`
          : s.lastSuccessAt
          ? `${s.name} (${s.code}) last synced ${ageHours} h ago, SLA ${s.slaMinutes / 60} h; ${dependent} balances depend on it`
          : `${s.name} (${s.code}) has never synced; ${dependent} balances depend on it`,
        evidence: { sourceCode: s.code, sourceName: s.name, lastSuccessAt: s.lastSuccessAt?.toISOString() ?? null, slaMinutes: s.slaMinutes, ageHours, dependentBalances: dependent, unhealthy: s.unhealthy === true },
        // Stale from the moment the SLA lapsed.
        eventAt: s.lastSuccessAt && !s.unhealthy ? addDays(s.lastSuccessAt, s.slaMinutes / 1440) : ctx.asOf,
        exposure: 0,
        impact: { kind: "FINANCIAL", key: `source:${s.code}`, units: dependent, tStar: ctx.asOf, eta: null, gapDays: null, unitMargin: null, penalty: null, tierWeight: null, unitCost: null, suggestedAction: "ADJUST" },
      }),
    );
  }
  return out;
}
