/** What the 940 and 945 share: the parties and G62 dates of a warehouse order, and the canonical salesOrder shape. */
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { X12Segment } from "../model";
import { datesIn, firstDate, firstParty, makeIssue, mapParty, partiesIn, type SetContext } from "./common";

export interface OrderHeader {
  customerCode: string | null;
  locationCode: string | null;
  /** G62*04 (PO date). */
  orderDate: string | null;
  /** G62*10 requested ship, else G62*02 delivery requested. */
  shipDate: string | null;
}

export function warehouseOrderHeader(ctx: SetContext, header: readonly X12Segment[], anchor: X12Segment, issues: TransformResult["issues"]): OrderHeader {
  const { config } = ctx;
  const parties = partiesIn(header);
  const customer = firstParty(parties, ["ST", "CN", "BT", "BY"]);
  const warehouse = firstParty(parties, ["WH", "SF", "SW"]);
  const customerCode = customer ? mapParty(customer, config.partnerCustomerCodes) : null;
  const locationCode = (warehouse && mapParty(warehouse, config.partnerLocationCodes)) ?? config.defaultLocationCode ?? null;
  if (!customerCode) issues.push(makeIssue(ctx, "salesOrder", anchor, "N1", "no customer: no N1*ST/CN/BT/BY"));
  if (!locationCode) issues.push(makeIssue(ctx, "salesOrder", anchor, "N1", "no warehouse: no N1*WH/SF/SW and no defaultLocationCode"));
  const dates = datesIn(header, "G62");
  return { customerCode, locationCode, orderDate: firstDate(dates, ["04"]), shipDate: firstDate(dates, ["10", "02"]) };
}
