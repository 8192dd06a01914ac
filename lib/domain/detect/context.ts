/**
 * Everything a detection rule reads, indexed once per run: the snapshot, the params, lookups by
 * id and the projected balance of every item-location. Rules never scan the snapshot themselves
 * when an index exists, which keeps each rule O(its objects).
 */
import type { CustomerTier, Snapshot, SnapshotAsnLine, SnapshotBalance, SnapshotDataSource, SnapshotItem, SnapshotLocation, SnapshotPoLine, SnapshotSoLine, SnapshotSupplier, SnapshotTransferLine } from "@/lib/domain/model/snapshot";
import { projectBalance, type Projection } from "@/lib/domain/projection/projected-balance";
import type { ScoringParams } from "@/lib/domain/score/config";
import { DAY_MS } from "@/lib/domain/util/dates";

export interface DetectionContext {
  snapshot: Snapshot;
  params: ScoringParams;
  asOf: Date;
  itemsById: Map<string, SnapshotItem>;
  locationsById: Map<string, SnapshotLocation>;
  suppliersById: Map<string, SnapshotSupplier>;
  sourcesByCode: Map<string, SnapshotDataSource>;
  balancesByKey: Map<string, SnapshotBalance>;
  projectionsByKey: Map<string, Projection>;
  poLinesById: Map<string, SnapshotPoLine>;
  poLinesByKey: Map<string, SnapshotPoLine[]>;
  asnLinesByPoLine: Map<string, SnapshotAsnLine[]>;
  soLinesByKey: Map<string, SnapshotSoLine[]>;
  inboundTransfersByKey: Map<string, SnapshotTransferLine[]>;
  /** Codes of data sources whose last good sync is older than their SLA (or missing). */
  staleSources: Set<string>;
}

/** Item-location index key. */
export function itemLocKey(itemId: string, locationId: string): string {
  return `${itemId}:${locationId}`;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Lead time used for windows and horizons: item, else primary supplier, else 0 (missing data). */
export function effectiveLeadTimeDays(ctx: Pick<DetectionContext, "suppliersById">, item: SnapshotItem | undefined): number {
  if (item?.leadTimeDays != null && item.leadTimeDays > 0) return item.leadTimeDays;
  const sup = item?.primarySupplierId ? ctx.suppliersById.get(item.primarySupplierId) : undefined;
  return sup?.leadTimeDays ?? 0;
}

/** True when a data source missed its SLA at `asOf` (never synced counts as stale). */
export function isSourceStale(source: SnapshotDataSource, asOf: Date): boolean {
  if (!source.lastSuccessAt) return true;
  return asOf.getTime() - source.lastSuccessAt.getTime() > source.slaMinutes * 60_000;
}

/** True when the balance row is older than its source's SLA or its source is stale. */
export function isBalanceStale(ctx: DetectionContext, b: SnapshotBalance): boolean {
  if (ctx.staleSources.has(b.sourceSystem)) return true;
  const src = ctx.sourcesByCode.get(b.sourceSystem);
  if (!src) return false;
  return ctx.asOf.getTime() - b.sourceUpdatedAt.getTime() > src.slaMinutes * 60_000;
}

const TIER_RANK: Record<CustomerTier, number> = { STRATEGIC: 3, KEY: 2, STANDARD: 1 };

/** Highest customer tier among open SO lines with unserved quantity at an item-location (default STANDARD). */
export function highestTier(lines: readonly SnapshotSoLine[]): CustomerTier {
  let best: CustomerTier = "STANDARD";
  for (const l of lines) {
    if (l.qtyOrdered - l.qtyShipped > 0 && TIER_RANK[l.customerTier] > TIER_RANK[best]) best = l.customerTier;
  }
  return best;
}

/** Builds all indexes and projections once for a detection run. */
export function buildDetectionContext(snapshot: Snapshot, params: ScoringParams): DetectionContext {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x] as [string, T]));
  const ctx: DetectionContext = {
    snapshot,
    params,
    asOf: snapshot.asOf,
    itemsById: byId(snapshot.items),
    locationsById: byId(snapshot.locations),
    suppliersById: byId(snapshot.suppliers),
    sourcesByCode: new Map(snapshot.dataSources.map((s) => [s.code, s])),
    balancesByKey: new Map(snapshot.balances.map((b) => [itemLocKey(b.itemId, b.locationId), b])),
    projectionsByKey: new Map(),
    poLinesById: byId(snapshot.poLines),
    poLinesByKey: new Map(),
    asnLinesByPoLine: new Map(),
    soLinesByKey: new Map(),
    inboundTransfersByKey: new Map(),
    staleSources: new Set(snapshot.dataSources.filter((s) => isSourceStale(s, snapshot.asOf)).map((s) => s.code)),
  };
  for (const l of snapshot.poLines) push(ctx.poLinesByKey, itemLocKey(l.itemId, l.locationId), l);
  for (const a of snapshot.asnLines) push(ctx.asnLinesByPoLine, a.purchaseOrderLineId, a);
  for (const s of snapshot.soLines) push(ctx.soLinesByKey, itemLocKey(s.itemId, s.locationId), s);
  for (const t of snapshot.transferLines) {
    if (t.qtyShipped > t.qtyReceived) push(ctx.inboundTransfersByKey, itemLocKey(t.itemId, t.toLocationId), t);
  }
  for (const b of snapshot.balances) {
    const key = itemLocKey(b.itemId, b.locationId);
    ctx.projectionsByKey.set(
      key,
      projectBalance({
        asOf: snapshot.asOf,
        balance: b,
        leadTimeDays: effectiveLeadTimeDays(ctx, ctx.itemsById.get(b.itemId)),
        minHorizonDays: params.projectionMinHorizonDays,
        poLines: ctx.poLinesByKey.get(key) ?? [],
        asnLinesByPoLine: ctx.asnLinesByPoLine,
        suppliersById: ctx.suppliersById,
        soLines: ctx.soLinesByKey.get(key) ?? [],
        inboundTransfers: ctx.inboundTransfersByKey.get(key) ?? [],
        poTransitDays: params.rules.poTransitDaysDefault,
      }),
    );
  }
  return ctx;
}

/** Balances in a stable order (item, location) so rule output order is deterministic. */
export function sortedBalances(ctx: DetectionContext): SnapshotBalance[] {
  return [...ctx.snapshot.balances].sort((a, b) => a.itemId.localeCompare(b.itemId) || a.locationId.localeCompare(b.locationId));
}

/** Whole days (fractional) between two instants, for evidence and summaries. */
export function ageDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}
