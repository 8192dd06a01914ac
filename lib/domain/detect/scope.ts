/**
 * Incremental detection scope. A run for some item-locations / orders must return exactly the
 * cases a full run returns for them, so the scope is closed over everything that can join a case
 * with them: the other lines of credit-held orders (order cases), the other transfers on the same
 * carrier lane (lane cases) and the same family at the same site (family spike cases). PO-line
 * chains, receipts and item-location cases never leave their item-location.
 */
import { itemLocKey, push, type DetectionContext } from "@/lib/domain/detect/context";
import { isTransferAged, isTransferShort, laneKey } from "@/lib/domain/detect/lanes";
import { spikingSkusPerFamilySite } from "@/lib/domain/detect/rules/demand-spike";

export interface DetectionScopeInput {
  /** "<itemId>:<locationId>" keys whose data changed. */
  itemLocationKeys?: readonly string[];
  /** Sales order ids whose lines changed. */
  orderIds?: readonly string[];
}

export interface ResolvedScope {
  /** What was asked for: the cases returned are those touching these keys. */
  seedKeys: Set<string>;
  seedItems: Set<string>;
  /** Seeds plus everything that can share a case with them: what rules evaluate. */
  closure: Set<string>;
}

/** Seeds → closed scope (fixpoint over order, lane and family links), using the run's indexes. */
export function resolveScope(ctx: DetectionContext, input: DetectionScopeInput): ResolvedScope {
  const seedKeys = new Set<string>(input.itemLocationKeys ?? []);
  if (input.orderIds && input.orderIds.length > 0) {
    const orders = new Set(input.orderIds);
    for (const s of ctx.snapshot.soLines) if (orders.has(s.salesOrderId)) seedKeys.add(itemLocKey(s.itemId, s.locationId));
  }

  // Only transfers that raise findings can join a lane case; only spiking SKUs a family case.
  const problem = ctx.snapshot.transferLines.filter((t) => t.carrier && (isTransferAged(ctx, t) || isTransferShort(ctx, t)));
  const transfersByTo = new Map<string, typeof problem>();
  const transfersByLane = new Map<string, typeof problem>();
  for (const t of problem) {
    push(transfersByTo, itemLocKey(t.itemId, t.toLocationId), t);
    push(transfersByLane, laneKey(t), t);
  }
  const familySiteKeys = new Map<string, string[]>();
  for (const [familySite, itemIds] of spikingSkusPerFamilySite(ctx)) {
    const locationId = familySite.slice(familySite.lastIndexOf(":") + 1);
    familySiteKeys.set(familySite, [...itemIds].map((itemId) => itemLocKey(itemId, locationId)));
  }

  const closure = new Set<string>();
  const queue = [...seedKeys];
  const add = (k: string) => {
    if (!closure.has(k)) queue.push(k);
  };
  const seenOrders = new Set<string>();
  const seenLanes = new Set<string>();
  const seenFamilies = new Set<string>();
  while (queue.length > 0) {
    const key = queue.pop() as string;
    if (closure.has(key)) continue;
    closure.add(key);
    for (const s of ctx.soLinesByKey.get(key) ?? []) {
      if (!s.customerCreditHold || seenOrders.has(s.salesOrderId)) continue;
      seenOrders.add(s.salesOrderId);
      for (const o of ctx.soLinesByOrder.get(s.salesOrderId) ?? []) add(itemLocKey(o.itemId, o.locationId));
    }
    for (const t of transfersByTo.get(key) ?? []) {
      if (seenLanes.has(laneKey(t))) continue;
      seenLanes.add(laneKey(t));
      for (const o of transfersByLane.get(laneKey(t)) ?? []) add(itemLocKey(o.itemId, o.toLocationId));
    }
    const [itemId, locationId] = key.split(":");
    const family = ctx.itemsById.get(itemId)?.family;
    if (family && !seenFamilies.has(`${family}:${locationId}`)) {
      seenFamilies.add(`${family}:${locationId}`);
      for (const k of familySiteKeys.get(`${family}:${locationId}`) ?? []) add(k);
    }
  }
  const seedItems = new Set([...seedKeys].map((k) => k.split(":")[0]));
  return { seedKeys, seedItems, closure };
}
