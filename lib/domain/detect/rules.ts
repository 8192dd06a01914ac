/** Registry of detection rules: exception type code → rule function (all 25 types of domain.md §c, in taxonomy order). */
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
import { detectAllocationConflict } from "@/lib/domain/detect/rules/allocation-conflict";
import { detectCreditHoldBlocking } from "@/lib/domain/detect/rules/credit-hold-blocking";
import { detectExpiryRisk } from "@/lib/domain/detect/rules/expiry-risk";
import { detectObsoleteDeadStock } from "@/lib/domain/detect/rules/obsolete-dead-stock";
import { detectReceiptQtyVariance } from "@/lib/domain/detect/rules/receipt-qty-variance";
import { detectSupplierPromiseSlip } from "@/lib/domain/detect/rules/supplier-promise-slip";
import { detectSurplusOnOrder } from "@/lib/domain/detect/rules/surplus-on-order";
import { detectTransferReceiptVariance } from "@/lib/domain/detect/rules/transfer-receipt-variance";

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
  RECEIPT_QTY_VARIANCE: detectReceiptQtyVariance,
  SUPPLIER_PROMISE_SLIP: detectSupplierPromiseSlip,
  TRANSFER_IN_TRANSIT_AGED: detectTransferInTransitAged,
  TRANSFER_RECEIPT_VARIANCE: detectTransferReceiptVariance,
  CYCLE_COUNT_VARIANCE: detectCycleCountVariance,
  ALLOCATION_CONFLICT: detectAllocationConflict,
  CUSTOMER_ORDER_AT_RISK: detectCustomerOrderAtRisk,
  CREDIT_HOLD_BLOCKING: detectCreditHoldBlocking,
  QUALITY_LOT_HOLD_BLOCKING: detectQualityLotHoldBlocking,
  EXPIRY_RISK: detectExpiryRisk,
  EXCESS_STOCK: detectExcessStock,
  SURPLUS_ON_ORDER: detectSurplusOnOrder,
  OBSOLETE_DEAD_STOCK: detectObsoleteDeadStock,
  DEMAND_SPIKE: detectDemandSpike,
  MASTER_DATA_INVALID: detectMasterDataInvalid,
  DATA_FEED_STALE: detectDataFeedStale,
};

/** Type codes the engine implements (stable order). */
export const IMPLEMENTED_TYPES: readonly string[] = Object.keys(DETECTION_RULES);
