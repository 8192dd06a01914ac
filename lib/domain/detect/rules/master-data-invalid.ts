/** MASTER_DATA_INVALID: an item lacks lead time, supplier, cost or price, so replenishment and scoring are blind. */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { SnapshotItem } from "@/lib/domain/model/snapshot";
import type { DetectionContext } from "@/lib/domain/detect/context";
import { financialImpact, locCode, makeFinding } from "@/lib/domain/detect/finding";
import { round } from "@/lib/domain/util/numbers";

/** Problems with an item's master data, empty when valid (also used to lower case confidence). */
export function masterDataProblems(ctx: Pick<DetectionContext, "suppliersById">, item: SnapshotItem): string[] {
  const problems: string[] = [];
  if (item.leadTimeDays == null || item.leadTimeDays <= 0) problems.push("lead time missing");
  if (!item.primarySupplierId) problems.push("no primary supplier");
  else if (!ctx.suppliersById.has(item.primarySupplierId)) problems.push(`unknown supplier ${item.primarySupplierId}`);
  if (!(item.unitCost > 0)) problems.push("unit cost missing");
  if (!(item.unitPrice > 0)) problems.push("unit price missing");
  return problems;
}

/**
 * One finding per invalid item, sited where it sells most. Exposure = H_u days of network
 * demand × unit cost (price if cost is missing): the replenishment value planned blind.
 */
export function detectMasterDataInvalid(ctx: DetectionContext): Finding[] {
  const out: Finding[] = [];
  const items = ctx.items;
  for (const item of items) {
    const problems = masterDataProblems(ctx, item);
    if (problems.length === 0) continue;
    const balances = [...(ctx.balancesByItem.get(item.id) ?? [])]
      .sort((a, b) => b.avgDailyDemand - a.avgDailyDemand || locCode(ctx, a.locationId).localeCompare(locCode(ctx, b.locationId)));
    if (balances.length === 0) continue; // nothing stocked anywhere: nothing to plan yet
    const dailyDemand = balances.reduce((n, b) => n + Math.max(0, b.avgDailyDemand), 0);
    const units = round(dailyDemand * ctx.params.urgencyHorizonDays, 2);
    const value = item.unitCost > 0 ? item.unitCost : Math.max(0, item.unitPrice);
    const { exposure, impact } = financialImpact(`item:${item.id}`, units, value, "ADJUST");
    const updated = balances.reduce((d, b) => (b.sourceUpdatedAt < d ? b.sourceUpdatedAt : d), balances[0].sourceUpdatedAt);
    out.push(
      makeFinding(ctx, {
        type: "MASTER_DATA_INVALID",
        objectKey: item.id,
        causeKey: `item:${item.id}`,
        siteId: balances[0].locationId,
        itemId: item.id,
        supplierId: item.primarySupplierId,
        summary: `${item.sku} master data invalid: ${problems.join(", ")}; stocked at ${balances.length} location(s), ${round(dailyDemand, 1)}/day demand`,
        evidence: { sku: item.sku, problems, leadTimeDays: item.leadTimeDays, primarySupplierId: item.primarySupplierId, unitCost: item.unitCost, unitPrice: item.unitPrice, locations: balances.map((b) => locCode(ctx, b.locationId)) },
        eventAt: updated,
        exposure,
        impact,
      }),
    );
  }
  return out;
}
