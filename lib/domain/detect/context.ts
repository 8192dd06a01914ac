/**
 * Everything a detection rule reads, indexed once per run: the snapshot, the params, lookups by
 * id / item-location / order / lane, and (lazily, memoised) the projected balance of each
 * item-location. Rules iterate the pre-sorted, scope-filtered lists here (`balances`, `poLines`, …)
 * and never scan or re-sort the snapshot, which keeps each rule O(its objects) and lets an
 * incremental run evaluate only the affected item-locations.
 */
import type {
  CustomerTier,
  Snapshot,
  SnapshotAsnLine,
  SnapshotBalance,
  SnapshotCycleCount,
  SnapshotDataSource,
  SnapshotHold,
  SnapshotItem,
  SnapshotLocation,
  SnapshotLot,
  SnapshotPoLine,
  SnapshotReceiptLine,
  SnapshotSoLine,
  SnapshotSupplier,
  SnapshotTransferLine,
} from "@/lib/domain/model/snapshot";
import { projectBalance, type Projection } from "@/lib/domain/projection/projected-balance";
import type { ScoringParams } from "@/lib/domain/score/config";
import { ruleThreshold, type RuleThresholdKey } from "@/lib/domain/score/rule-threshold";
import { DAY_MS } from "@/lib/domain/util/dates";

export interface DetectionContext {
  snapshot: Snapshot;
  params: ScoringParams;
  asOf: Date;
  /** Item-location keys evaluated by this run; null = every item-location (full run). */
  scope: ReadonlySet<string> | null;
  itemsById: Map<string, SnapshotItem>;
  locationsById: Map<string, SnapshotLocation>;
  suppliersById: Map<string, SnapshotSupplier>;
  sourcesByCode: Map<string, SnapshotDataSource>;
  balancesByKey: Map<string, SnapshotBalance>;
  /** The item-location key of each balance, built once: rules look keys up by balance (no string per lookup). */
  keyByBalance: Map<SnapshotBalance, string>;
  /** Every balance of an item across sites (transfer sourcing, master data). */
  balancesByItem: Map<string, SnapshotBalance[]>;
  /** Filled on first use by projectionOf. */
  projectionsByKey: Map<string, Projection>;
  poLinesById: Map<string, SnapshotPoLine>;
  poLinesByKey: Map<string, SnapshotPoLine[]>;
  asnLinesByPoLine: Map<string, SnapshotAsnLine[]>;
  soLinesByKey: Map<string, SnapshotSoLine[]>;
  /** Lines of orders that have at least one credit-held line, by sales order id. */
  soLinesByOrder: Map<string, SnapshotSoLine[]>;
  /** Transfers still expected at the receiving item-location (shipped, not received in full, not closed). */
  inboundTransfersByKey: Map<string, SnapshotTransferLine[]>;
  lotsByKey: Map<string, SnapshotLot[]>;
  /** Codes of data sources whose last good sync is older than their SLA (or missing). */
  staleSources: Set<string>;
  // Scope-filtered lists in a stable order: what rules iterate.
  balances: SnapshotBalance[];
  /** Item-location key of balances[i]: rules that walk the balances index by position, not by string. */
  balanceKeys: string[];
  /** Projection of balances[i], filled on first use by projectionAt. */
  balanceProjections: (Projection | undefined)[];
  items: SnapshotItem[];
  poLines: SnapshotPoLine[];
  asnLines: SnapshotAsnLine[];
  soLines: SnapshotSoLine[];
  receiptLines: SnapshotReceiptLine[];
  transferLines: SnapshotTransferLine[];
  cycleCounts: SnapshotCycleCount[];
  holds: SnapshotHold[];
  lots: SnapshotLot[];
  /** Memo of per-run derived data (e.g. lane clusters), keyed by the helper that owns it. */
  memo: Map<string, unknown>;
}

/** Item-location index key. */
export function itemLocKey(itemId: string, locationId: string): string {
  return `${itemId}:${locationId}`;
}

export function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
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

/** True when a data source missed its SLA at `asOf` (never synced counts as stale) or its pulls keep failing. */
export function isSourceStale(source: SnapshotDataSource, asOf: Date): boolean {
  if (!source.lastSuccessAt || source.unhealthy) return true;
  return asOf.getTime() - source.lastSuccessAt.getTime() > source.slaMinutes * 60_000;
}

/** True when the balance row is older than its source's SLA or its source is stale. */
export function isBalanceStale(ctx: DetectionContext, b: SnapshotBalance): boolean {
  if (ctx.staleSources.has(b.sourceSystem)) return true;
  const src = ctx.sourcesByCode.get(b.sourceSystem);
  if (!src) return false;
  return ctx.asOf.getTime() - b.sourceUpdatedAt.getTime() > src.slaMinutes * 60_000;
}

export const TIER_RANK: Record<CustomerTier, number> = { STRATEGIC: 3, KEY: 2, STANDARD: 1 };

/** Highest customer tier among open SO lines with unserved quantity at an item-location (default STANDARD). */
export function highestTier(lines: readonly SnapshotSoLine[]): CustomerTier {
  let best: CustomerTier = "STANDARD";
  for (const l of lines) {
    if (l.qtyOrdered - l.qtyShipped > 0 && TIER_RANK[l.customerTier] > TIER_RANK[best]) best = l.customerTier;
  }
  return best;
}

/** The threshold in force for an item at a site (site / ABC overrides applied). */
export function threshold(ctx: DetectionContext, key: RuleThresholdKey, siteId: string, itemId?: string | null): number {
  const abcClass = itemId ? (ctx.itemsById.get(itemId)?.abcClass ?? null) : null;
  // Rules ask millions of times for a handful of distinct (key, site, class) combinations.
  const cache = memo(ctx, "thresholds", () => new Map<string, Map<string, (number | undefined)[]>>());
  let bySite = cache.get(key);
  if (!bySite) cache.set(key, (bySite = new Map()));
  let byClass = bySite.get(siteId);
  if (!byClass) bySite.set(siteId, (byClass = []));
  const slot = abcClass === "A" ? 0 : abcClass === "B" ? 1 : abcClass === "C" ? 2 : 3;
  return (byClass[slot] ??= ruleThreshold(ctx.params, key, { siteId, abcClass }));
}

/** Item-location key of a balance of the run (the shared string, so map lookups hash it once). */
export function balanceKey(ctx: Pick<DetectionContext, "keyByBalance">, b: SnapshotBalance): string {
  return ctx.keyByBalance.get(b) ?? itemLocKey(b.itemId, b.locationId);
}

/** True when the item-location is evaluated by this run. */
export function inScope(ctx: Pick<DetectionContext, "scope">, itemId: string, locationId: string): boolean {
  return ctx.scope === null || ctx.scope.has(itemLocKey(itemId, locationId));
}

/** Projected balance of an item-location (computed once per run, on first use). */
export function projectionOf(ctx: DetectionContext, key: string): Projection | undefined {
  const hit = ctx.projectionsByKey.get(key);
  if (hit) return hit;
  const b = ctx.balancesByKey.get(key);
  if (!b) return undefined;
  const p = projectBalance({
    asOf: ctx.asOf,
    balance: b,
    leadTimeDays: effectiveLeadTimeDays(ctx, ctx.itemsById.get(b.itemId)),
    minHorizonDays: ctx.params.projectionMinHorizonDays,
    poLines: ctx.poLinesByKey.get(key) ?? [],
    asnLinesByPoLine: ctx.asnLinesByPoLine,
    suppliersById: ctx.suppliersById,
    soLines: ctx.soLinesByKey.get(key) ?? [],
    inboundTransfers: ctx.inboundTransfersByKey.get(key) ?? [],
    poTransitDays: ctx.params.rules.poTransitDaysDefault,
  });
  ctx.projectionsByKey.set(key, p);
  return p;
}

/** Projection of the run's i-th balance (ctx.balances[i]); the same object projectionOf returns. */
export function projectionAt(ctx: DetectionContext, i: number): Projection | undefined {
  return (ctx.balanceProjections[i] ??= projectionOf(ctx, ctx.balanceKeys[i]));
}

/** A transfer line still expected at its destination: shipped, not received in full, not closed by a receipt. */
export function isTransferOpen(t: SnapshotTransferLine): boolean {
  return t.shippedAt !== null && t.receivedAt === null && t.qtyShipped > t.qtyReceived;
}

/** Stable sort by a string key computed once per element (not once per comparison). */
function sortByKey<T>(xs: T[], key: (x: T) => string): T[] {
  const decorated = xs.map((x) => ({ k: key(x), x }));
  decorated.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
  return decorated.map((d) => d.x);
}

/**
 * Builds all indexes once for a detection run. `scope` (item-location keys) restricts what rules
 * iterate; indexes always cover the whole snapshot so cross-site lookups (transfer sources) work.
 */
export function buildDetectionContext(snapshot: Snapshot, params: ScoringParams, scope: ReadonlySet<string> | null = null): DetectionContext {
  return applyScope(buildIndexes(snapshot, params), scope);
}

/**
 * Groups rows by item-location without building a key string per row (a million SO lines would
 * mean a million temporary strings): rows are bucketed by item, then location, and each bucket's
 * key is built once. Buckets keep the rows' input order.
 */
function groupByItemLocation<T>(rows: readonly T[], itemOf: (x: T) => string, locationOf: (x: T) => string): Map<string, T[]> {
  const byItem = new Map<string, Map<string, T[]>>();
  for (const r of rows) {
    const itemId = itemOf(r);
    let byLoc = byItem.get(itemId);
    if (!byLoc) byItem.set(itemId, (byLoc = new Map()));
    const locationId = locationOf(r);
    const list = byLoc.get(locationId);
    if (list) list.push(r);
    else byLoc.set(locationId, [r]);
  }
  const out = new Map<string, T[]>();
  for (const [itemId, byLoc] of byItem) for (const [locationId, list] of byLoc) out.set(itemLocKey(itemId, locationId), list);
  return out;
}

/** The indexes of a run, with empty rule lists (see applyScope). */
export function buildIndexes(snapshot: Snapshot, params: ScoringParams): DetectionContext {
  const byId = <T extends { id: string }>(xs: T[]) => new Map(xs.map((x) => [x.id, x] as [string, T]));
  const ctx: DetectionContext = {
    snapshot,
    params,
    asOf: snapshot.asOf,
    scope: null,
    itemsById: byId(snapshot.items),
    locationsById: byId(snapshot.locations),
    suppliersById: byId(snapshot.suppliers),
    sourcesByCode: new Map(snapshot.dataSources.map((s) => [s.code, s])),
    balancesByKey: new Map(),
    keyByBalance: new Map(),
    balancesByItem: new Map(),
    projectionsByKey: new Map(),
    poLinesById: byId(snapshot.poLines),
    poLinesByKey: groupByItemLocation(snapshot.poLines, (l) => l.itemId, (l) => l.locationId),
    asnLinesByPoLine: new Map(),
    soLinesByKey: groupByItemLocation(snapshot.soLines, (s) => s.itemId, (s) => s.locationId),
    soLinesByOrder: new Map(),
    inboundTransfersByKey: new Map(),
    lotsByKey: new Map(),
    staleSources: new Set(snapshot.dataSources.filter((s) => isSourceStale(s, snapshot.asOf)).map((s) => s.code)),
    balances: [],
    balanceKeys: [],
    balanceProjections: [],
    items: [],
    poLines: [],
    asnLines: [],
    soLines: [],
    receiptLines: [],
    transferLines: [],
    cycleCounts: [],
    holds: [],
    lots: [],
    memo: new Map(),
  };
  // Document order inside each item-location, whatever order the rows were read in (SQL gives none):
  // evidence that lists lines, and incremental runs over a re-read slice, then match full runs.
  for (const lines of ctx.soLinesByKey.values()) if (lines.length > 1) lines.sort(compareSoLines);
  for (const lines of ctx.poLinesByKey.values()) if (lines.length > 1) lines.sort(comparePoLines);
  for (const b of snapshot.balances) {
    const key = itemLocKey(b.itemId, b.locationId);
    ctx.balancesByKey.set(key, b);
    ctx.keyByBalance.set(b, key);
    push(ctx.balancesByItem, b.itemId, b);
  }
  for (const a of snapshot.asnLines) push(ctx.asnLinesByPoLine, a.purchaseOrderLineId, a);
  const heldOrders = new Set<string>();
  for (const s of snapshot.soLines) if (s.customerCreditHold) heldOrders.add(s.salesOrderId);
  // Only credit-held orders are looked up by order (order-level cases); indexing all orders costs ~1M pushes.
  if (heldOrders.size > 0) for (const s of snapshot.soLines) if (heldOrders.has(s.salesOrderId)) push(ctx.soLinesByOrder, s.salesOrderId, s);
  for (const t of snapshot.transferLines) if (isTransferOpen(t)) push(ctx.inboundTransfersByKey, itemLocKey(t.itemId, t.toLocationId), t);
  return ctx;
}

const cmpStr = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const pad6 = (n: number) => String(n).padStart(6, "0");
/** Order of pad6(a) vs pad6(b) as strings (numeric for the usual 0 ≤ n < 10⁶, no strings built then). */
function cmpLineNo(a: number, b: number): number {
  if (a === b) return 0;
  if (Number.isInteger(a) && Number.isInteger(b) && a >= 0 && b >= 0 && a < 1e6 && b < 1e6) return a - b;
  return cmpStr(pad6(a), pad6(b));
}

const comparePoLines = (a: SnapshotPoLine, b: SnapshotPoLine) => cmpStr(a.poNumber, b.poNumber) || cmpLineNo(a.lineNo, b.lineNo) || cmpStr(a.id, b.id);
/** Sales order lines in document order (SO number, line number, id). */
export const compareSoLines = (a: SnapshotSoLine, b: SnapshotSoLine) => cmpStr(a.soNumber, b.soNumber) || cmpLineNo(a.lineNo, b.lineNo) || cmpStr(a.id, b.id);

/** Sets the run's scope and the sorted, scope-filtered lists rules iterate (null = everything). */
export function applyScope(ctx: DetectionContext, scope: ReadonlySet<string> | null): DetectionContext {
  const { snapshot } = ctx;
  const keep = (itemId: string, locationId: string) => scope === null || scope.has(itemLocKey(itemId, locationId));
  const all = <T>(xs: T[], pred: (x: T) => boolean) => (scope === null ? [...xs] : xs.filter(pred));
  const byTime = <T extends { id: string }>(at: (x: T) => Date) => (a: T, b: T) => at(a).getTime() - at(b).getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  ctx.scope = scope;
  ctx.balances = all(snapshot.balances, (b) => keep(b.itemId, b.locationId)).sort((a, b) => cmpStr(a.itemId, b.itemId) || cmpStr(a.locationId, b.locationId));
  ctx.balanceKeys = ctx.balances.map((b) => balanceKey(ctx, b));
  ctx.balanceProjections = new Array(ctx.balances.length);
  ctx.poLines = all(snapshot.poLines, (l) => keep(l.itemId, l.locationId)).sort(comparePoLines);
  ctx.asnLines = sortByKey(snapshot.asnLines.filter((a) => keep(a.itemId, a.locationId)), (a) => `${a.asnNumber}\u0000${a.purchaseOrderLineId}`);
  // A million lines: sorted only if a rule asks for the whole list (rules use the per-key and per-order indexes).
  let soLines: SnapshotSoLine[] | null = null;
  Object.defineProperty(ctx, "soLines", {
    configurable: true,
    enumerable: true,
    get: () => (soLines ??= all(snapshot.soLines, (s) => keep(s.itemId, s.locationId)).sort(compareSoLines)),
    set: (v: SnapshotSoLine[]) => {
      soLines = v;
    },
  });
  ctx.receiptLines = sortByKey((snapshot.receiptLines ?? []).filter((r) => keep(r.itemId, r.locationId)), (r) => `${r.receiptNumber}\u0000${r.purchaseOrderLineId ?? ""}\u0000${r.itemId}`);
  ctx.transferLines = sortByKey(snapshot.transferLines.filter((t) => keep(t.itemId, t.toLocationId)), (t) => `${t.transferNumber}\u0000${t.itemId}\u0000${t.id}`);
  ctx.cycleCounts = snapshot.cycleCounts.filter((c) => keep(c.itemId, c.locationId)).sort(byTime((c) => c.countedAt));
  ctx.holds = snapshot.holds.filter((h) => keep(h.itemId, h.locationId)).sort(byTime((h) => h.placedAt));
  ctx.lots = sortByKey((snapshot.lots ?? []).filter((l) => keep(l.itemId, l.locationId)), (l) => `${l.itemId}\u0000${l.locationId}\u0000${l.expiresAt?.toISOString() ?? "9"}\u0000${l.lot}`);
  ctx.lotsByKey = new Map();
  for (const l of ctx.lots) push(ctx.lotsByKey, itemLocKey(l.itemId, l.locationId), l);
  const scopedItems = scope === null ? null : new Set(ctx.balances.map((b) => b.itemId));
  ctx.items = sortByKey(snapshot.items.filter((i) => scopedItems === null || scopedItems.has(i.id)), (i) => `${i.sku}\u0000${i.id}`);
  return ctx;
}

/** Balances in a stable order (item, location), restricted to the run's scope. */
export function sortedBalances(ctx: DetectionContext): SnapshotBalance[] {
  return ctx.balances;
}

/** Whole days (fractional) between two instants, for evidence and summaries. */
export function ageDays(from: Date, to: Date): number {
  return (to.getTime() - from.getTime()) / DAY_MS;
}

/** Memoises a per-run derived value. */
export function memo<T>(ctx: DetectionContext, key: string, build: () => T): T {
  if (ctx.memo.has(key)) return ctx.memo.get(key) as T;
  const v = build();
  ctx.memo.set(key, v);
  return v;
}
