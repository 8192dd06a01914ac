/** Short, specific case titles built from the root finding and the shortage it causes. */
import type { Finding } from "@/lib/domain/model/case-draft";
import { isoDate } from "@/lib/domain/util/dates";

const PHRASE: Record<string, string> = {
  NEGATIVE_ON_HAND: "Negative on hand",
  STOCKOUT_NOW: "Stocked out",
  PROJECTED_STOCKOUT_NO_SUPPLY: "Projected stockout, no supply",
  STOCKOUT_DESPITE_INBOUND: "Stockout before inbound",
  BELOW_SAFETY_STOCK: "Below safety stock",
  PO_NOT_ACKNOWLEDGED: "not acknowledged",
  SUPPLIER_PROMISE_SLIP: "promise slipped",
  PO_NO_ASN: "no ASN",
  ASN_OVERDUE: "ASN overdue",
  PO_PAST_DUE: "past due",
  RECEIPT_QTY_VARIANCE: "received off ASN",
  TRANSFER_RECEIPT_VARIANCE: "Transfer received short",
  ALLOCATION_CONFLICT: "Allocation conflict",
  EXPIRY_RISK: "Expiry risk",
  SURPLUS_ON_ORDER: "Surplus on order",
  OBSOLETE_DEAD_STOCK: "Dead stock",
  CYCLE_COUNT_VARIANCE: "Cycle count variance",
  TRANSFER_IN_TRANSIT_AGED: "Transfer aged in transit",
  CUSTOMER_ORDER_AT_RISK: "Customer orders at risk",
  QUALITY_LOT_HOLD_BLOCKING: "Quality hold blocking",
  CREDIT_HOLD_BLOCKING: "Credit hold blocking stock",
  EXCESS_STOCK: "Excess stock",
  DEMAND_SPIKE: "Demand spike",
  MASTER_DATA_INVALID: "Master data invalid",
  DATA_FEED_STALE: "Data feed stale",
};

/** Human phrase for a type (falls back to the code). */
export function typePhrase(type: string): string {
  return PHRASE[type] ?? type;
}

const str = (v: unknown): string | null => (typeof v === "string" && v.length > 0 ? v : null);

/** Title of a case whose findings are in chain order (root first). */
export function buildCaseTitle(findings: readonly Finding[]): string {
  const root = findings[0];
  if (!root) return "Empty case";
  const ev = root.evidence;
  const sku = str(ev.sku);
  const loc = str(ev.locationCode) ?? str(ev.toLocationCode);
  const where = [loc && `at ${loc}`, sku && `for ${sku}`].filter(Boolean).join(" ");
  // The earliest stockout among the case's shortages: independent of how ties in the chain happen to be ordered.
  const shortageDates = findings.flatMap((f) => (f.impact?.key.startsWith("shortage:") && f.impact.tStar ? [f.impact.tStar.getTime()] : []));
  const shortage = shortageDates.length > 0;
  const tStar = shortage ? isoDate(new Date(Math.min(...shortageDates))) : null;

  const credit = findings.find((f) => f.type === "CREDIT_HOLD_BLOCKING");
  if (credit) {
    const sites = Array.isArray(credit.evidence.locations) ? credit.evidence.locations.join(" + ") : (loc ?? "?");
    const causes = [...new Set(findings.filter((f) => f !== credit && ["PO_NOT_ACKNOWLEDGED", "SUPPLIER_PROMISE_SLIP", "PO_NO_ASN", "ASN_OVERDUE", "PO_PAST_DUE", "RECEIPT_QTY_VARIANCE"].includes(f.type)).map((f) => `${str(f.evidence.poNumber) ?? "PO"} ${typePhrase(f.type)}`))];
    return `${str(credit.evidence.soNumber) ?? "Order"} (${str(credit.evidence.customerTier) ?? "?"}) blocked at ${sites}: credit hold${causes.length ? ` + ${causes.join(", ")}` : ""}${tStar ? `, short from ${tStar}` : ""}`;
  }
  const transfers = findings.filter((f) => f.type === "TRANSFER_IN_TRANSIT_AGED" || f.type === "TRANSFER_RECEIPT_VARIANCE");
  const lane = str(ev.lane);
  if (lane && transfers.length > 1 && transfers.every((f) => f.evidence.lane === lane)) {
    return `Carrier ${str(ev.carrier) ?? "?"} lane ${str(ev.fromLocationCode) ?? "?"} → ${str(ev.toLocationCode) ?? "?"}: ${transfers.length} transfers late or short`;
  }
  const spikes = findings.filter((f) => f.type === "DEMAND_SPIKE");
  const family = str(ev.family);
  if (root.type === "DEMAND_SPIKE" && family && new Set(spikes.map((f) => f.itemId)).size > 1) {
    return `Demand spike on ${new Set(spikes.map((f) => f.itemId)).size} ${family} SKUs at ${loc ?? "?"}${tStar ? ` → stockout on ${tStar}` : ""}`;
  }
  const po = str(ev.poNumber);
  if (po) {
    const head = `${po} ${typePhrase(root.type)}`;
    return shortage && tStar ? `${head} → stockout ${where} on ${tStar}` : `${head}: ${sku ?? "item"}${loc ? ` to ${loc}` : ""}`;
  }
  switch (root.type) {
    case "DATA_FEED_STALE":
      return `Data feed ${str(ev.sourceCode) ?? "?"} stale`;
    case "MASTER_DATA_INVALID":
      return `${sku ?? "Item"} master data invalid: ${Array.isArray(ev.problems) ? ev.problems.join(", ") : "incomplete"}`;
    case "TRANSFER_IN_TRANSIT_AGED":
      return `${str(ev.transferNumber) ?? "Transfer"} aged in transit → ${loc ?? "?"} (${sku ?? "item"})`;
  }
  const suffix = tStar && root.type !== "STOCKOUT_NOW" ? ` from ${tStar}` : "";
  const rootIsShortage = Boolean(root.impact?.key.startsWith("shortage:") && root.impact.tStar);
  const consequence = !rootIsShortage && shortage && tStar ? ` → stockout on ${tStar}` : suffix;
  return `${typePhrase(root.type)} ${where}${consequence}`.trim();
}
