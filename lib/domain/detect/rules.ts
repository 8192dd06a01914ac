/** Registry of detection rules: exception type code → rule function. Order here is run order only. */
import type { Finding } from "@/lib/domain/model/case-draft";
import type { DetectionContext } from "@/lib/domain/detect/context";
import { detectAsnOverdue } from "@/lib/domain/detect/rules/asn-overdue";
import { detectBelowSafetyStock } from "@/lib/domain/detect/rules/below-safety-stock";
import { detectCustomerOrderAtRisk } from "@/lib/domain/detect/rules/customer-order-at-risk";
import { detectCycleCountVariance } from "@/lib/domain/detect/rules/cycle-count-variance";
import { detectDataFeedStale } from "@/lib/domain/detect/rules/data-feed-stale";
import { detectDemandSpike } from "@/lib/domain/detect/rules/demand-spike";
import { detectExcessStock } from "@/lib/domain/detect/rules/excess-stock";
import { detectMasterDataInvalid } from "@/lib/domain/detect/rules/master-data-invalid";
import { detectNegativeOnHand } from "@/lib/domain/detect/rules/negative-on-hand";
import { detectPoNoAsn } from "@/lib/domain/detect/rules/po-no-asn";
import { detectPoNotAcknowledged } from "@/lib/domain/detect/rules/po-not-acknowledged";
import { detectPoPastDue } from "@/lib/domain/detect/rules/po-past-due";
import { detectProjectedStockoutNoSupply } from "@/lib/domain/detect/rules/projected-stockout-no-supply";
import { detectQualityLotHoldBlocking } from "@/lib/domain/detect/rules/quality-lot-hold-blocking";
import { detectStockoutDespiteInbound } from "@/lib/domain/detect/rules/stockout-despite-inbound";
import { detectStockoutNow } from "@/lib/domain/detect/rules/stockout-now";
import { detectTransferInTransitAged } from "@/lib/domain/detect/rules/transfer-in-transit-aged";

export type DetectionRule = (ctx: DetectionContext) => Finding[];

export const DETECTION_RULES: Readonly<Record<string, DetectionRule>> = {
  NEGATIVE_ON_HAND: detectNegativeOnHand,
  STOCKOUT_NOW: detectStockoutNow,
  PROJECTED_STOCKOUT_NO_SUPPLY: detectProjectedStockoutNoSupply,
  STOCKOUT_DESPITE_INBOUND: detectStockoutDespiteInbound,
  BELOW_SAFETY_STOCK: detectBelowSafetyStock,
  PO_NOT_ACKNOWLEDGED: detectPoNotAcknowledged,
  PO_NO_ASN: detectPoNoAsn,
  ASN_OVERDUE: detectAsnOverdue,
  PO_PAST_DUE: detectPoPastDue,
  CYCLE_COUNT_VARIANCE: detectCycleCountVariance,
  TRANSFER_IN_TRANSIT_AGED: detectTransferInTransitAged,
  CUSTOMER_ORDER_AT_RISK: detectCustomerOrderAtRisk,
  QUALITY_LOT_HOLD_BLOCKING: detectQualityLotHoldBlocking,
  MASTER_DATA_INVALID: detectMasterDataInvalid,
  DATA_FEED_STALE: detectDataFeedStale,
  EXCESS_STOCK: detectExcessStock,
  DEMAND_SPIKE: detectDemandSpike,
};

/** Type codes the engine implements (stable order). */
export const IMPLEMENTED_TYPES: readonly string[] = Object.keys(DETECTION_RULES);
