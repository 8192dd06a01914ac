/**
 * 846 inventory advice → canonical inventoryBalance, one per LIN loop. On hand = QTY*17 (quantity on hand), else
 * QTY*33 (available for sale). Location = N1 in the loop, else header N1 (WH/ST/SN/RL), else defaultLocationCode.
 */
import type { CanonicalRecord, TransformResult } from "@/lib/domain/canonical/records";
import type { X12Segment } from "../model";
import {
  datesIn, el, envelopeDate, externalIdOf, firstDate, firstParty, loopsOf, makeIssue, makeRecord, mapParty, parseNumber,
  partiesIn, pickSku, productIdPairs, toStockUnits, x12Date, type SetContext,
} from "./common";

const LOCATION_PARTIES = ["WH", "ST", "SN", "RL", "SF"];
const ON_HAND_QUALIFIERS = ["17", "33"];
const AS_OF_QUALIFIERS = ["405", "007", "009", "097"];

export function transform846(ctx: SetContext): TransformResult {
  const { set, config } = ctx;
  const bia = set.segments.find((s) => s.id === "BIA");
  if (!bia) return { records: [], issues: [makeIssue(ctx, "inventoryBalance", set.segments[0], "BIA", "846 has no BIA segment")] };
  const loops = loopsOf(set.segments, "LIN");
  const header = loops[0] ? set.segments.slice(0, set.segments.indexOf(loops[0][0])) : set.segments;
  const headerLocation = firstParty(partiesIn(header), LOCATION_PARTIES);
  const headerAsOf = firstDate(datesIn(header), AS_OF_QUALIFIERS) ?? x12Date(el(bia, 4), el(bia, 5)) ?? envelopeDate(set);
  const records: CanonicalRecord[] = [];
  const issues: TransformResult["issues"] = [];
  if (loops.length === 0) issues.push(makeIssue(ctx, "inventoryBalance", bia, "LIN", "the inventory advice has no LIN items"));

  for (const [index, loop] of loops.entries()) {
    const lin = loop[0];
    const where = `LIN ${el(lin, 1) || index + 1}`;
    const sku = pickSku(productIdPairs(lin, 2), config);
    const qtySegment = ON_HAND_QUALIFIERS.map((q) => loop.find((s) => s.id === "QTY" && el(s, 1) === q)).find(Boolean);
    const party = firstParty(partiesIn(loop), LOCATION_PARTIES) ?? headerLocation;
    const locationCode = (party && mapParty(party, config.partnerLocationCodes)) ?? config.defaultLocationCode ?? null;
    if (!sku) issues.push(makeIssue(ctx, "inventoryBalance", lin, "LIN03", `${where} has no product id`));
    if (!qtySegment) issues.push(makeIssue(ctx, "inventoryBalance", lin, "QTY", `${where} has no QTY*17 (on hand) or QTY*33 (available)`));
    if (!locationCode) issues.push(makeIssue(ctx, "inventoryBalance", lin, "N1", `${where}: no location (N1 ${LOCATION_PARTIES.join("/")}) and no defaultLocationCode`));
    if (!sku || !qtySegment || !locationCode) continue;
    const qty = parseNumber(el(qtySegment, 2));
    if (qty === null) {
      issues.push(makeIssue(ctx, "inventoryBalance", qtySegment, "QTY02", `${where}: QTY02 is missing or not a number`));
      continue;
    }
    const converted = toStockUnits(qty, unitOf(ctx, qtySegment), sku, config, `QTY*${el(qtySegment, 1)} of ${where}`);
    if (!converted.ok) {
      issues.push(makeIssue(ctx, "inventoryBalance", qtySegment, "QTY03", converted.message));
      continue;
    }
    const asOf = firstDate(datesIn(loop), AS_OF_QUALIFIERS) ?? headerAsOf;
    records.push(makeRecord(ctx, "inventoryBalance", lin, { sku, locationCode, onHand: converted.qty, asOf }, `${externalIdOf(set)}:${el(lin, 1) || index + 1}`));
  }
  return { records, issues };
}

/** QTY03 is composite C001; its first component is the unit code. */
function unitOf(ctx: SetContext, qty: X12Segment): string {
  const raw = el(qty, 3);
  const component = ctx.set.interchange.separators.component;
  return component ? raw.split(component)[0] : raw;
}
