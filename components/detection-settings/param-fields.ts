/**
 * Human labels, units and help text for every field of the scoring parameters, grouped as the form shows them.
 * Typed against ScoringParams so a new rule threshold without a label fails the type-check.
 */
import type { ScoringParams } from "@/lib/domain/score/config";

export type Unit = "days" | "hours" | "fraction" | "USD" | "multiplier" | "weight" | "count" | "units" | "cases";

export interface ParamField {
  /** Dotted path into ScoringParams, e.g. "rules.poAckDays" or "rules.cycleCountTolerance.A". */
  path: string;
  label: string;
  unit: Unit;
  help: string;
  /** Whole numbers only (the schema says int). */
  integer?: boolean;
}

export interface ParamGroup {
  id: string;
  legend: string;
  description: string;
  fields: ParamField[];
}

type RuleKey = keyof ScoringParams["rules"];
type RuleHelp = { label: string; unit: Unit; help: string; integer?: boolean };

/** One entry per key of `rules`; cycleCountTolerance is per ABC class and expands to three fields. */
export const RULE_HELP: Record<RuleKey, RuleHelp> = {
  poAckDays: { label: "PO acknowledgement window", unit: "days", help: "A PO the supplier has not confirmed this many days after it was sent is flagged (PO not acknowledged)." },
  asnGraceDays: { label: "ASN overdue grace", unit: "days", help: "An in-transit shipment not received this many days after its ETA is flagged (ASN overdue)." },
  poTransitDaysDefault: { label: "Default supplier transit time", unit: "days", help: "Assumed days between supplier shipment and arrival; the promised ship date is the promise date minus this." },
  poNoAsnGraceDays: { label: "Missing ASN grace", unit: "days", help: "Days after the promised ship date before a PO line without a shipment notice is flagged (PO no ASN)." },
  inboundToleranceDays: { label: "Late inbound tolerance", unit: "days", help: "A stock-out is flagged as 'despite inbound' when the covering receipt lands more than this many days after the stock-out date." },
  cycleCountTolerance: { label: "Cycle-count tolerance", unit: "fraction", help: "Count variance (|counted − system| / system) allowed per ABC class before a variance is flagged; 0.01 = 1 %." },
  cycleCountUsdThreshold: { label: "Cycle-count variance value", unit: "USD", help: "A count variance worth more than this is flagged even inside the percentage tolerance." },
  transferGraceDays: { label: "Transfer in-transit grace", unit: "days", help: "A transfer not received this many days after its expected date is flagged as aged in transit." },
  excessDaysOfCover: { label: "Excess stock cover", unit: "days", help: "Available stock covering more than this many days of average demand is excess." },
  demandSpikeK: { label: "Demand spike factor", unit: "multiplier", help: "One order line larger than this many times the average daily demand is a demand spike." },
  qualityHoldMaxAgeDays: { label: "Quality hold maximum age", unit: "days", help: "A quality hold older than this blocks stock regardless of demand cover." },
  creditHoldHorizonDays: { label: "Credit hold horizon", unit: "days", help: "A credit-held order with reserved stock counts as blocking when it ships within this many days." },
  receiptQtyTolerance: { label: "Receipt quantity tolerance", unit: "fraction", help: "A receipt differing from the expected quantity by more than this fraction is a receipt variance; 0.05 = 5 %." },
  promiseSlipDays: { label: "Supplier promise slip", unit: "days", help: "A confirmed date moved later than the original promise by more than this many days is a slip." },
  transferReceiptTolerance: { label: "Transfer receipt tolerance", unit: "fraction", help: "A transfer receipt differing from the shipped quantity by more than this fraction is a variance; 0.02 = 2 %." },
  laneClusterMin: { label: "Lane cluster size", unit: "count", integer: true, help: "This many problem transfers on one from→to carrier lane form one lane case instead of separate cases." },
  allocationHorizonDays: { label: "Allocation conflict horizon", unit: "days", help: "Days ahead in which a higher-priority short order competes for stock held by a lower-priority one." },
  expiryLookaheadDays: { label: "Expiry look-ahead", unit: "days", help: "Lots expiring within this many days are checked for expiry risk." },
  expiryMinUnits: { label: "Expiry minimum units", unit: "units", help: "Units left at expiry below this are ignored as rounding noise." },
  surplusDaysOfCover: { label: "Surplus on order cover", unit: "days", help: "Stock after open POs land that covers more than this many days of demand (or exceeds max stock) is surplus on order." },
  obsoleteNoIssueDays: { label: "Dead stock age", unit: "days", help: "Stock with no issue in this many days is dead stock." },
  obsoleteMinValueUsd: { label: "Dead stock minimum value", unit: "USD", help: "Dead stock worth less than this on hand is not worth a case." },
  obsoleteProbability: { label: "Obsolescence probability", unit: "fraction", help: "Share of dead stock value expected to be written off; it is the case's financial exposure." },
};

const ABC = ["A", "B", "C"] as const;

function ruleFields(): ParamField[] {
  return (Object.keys(RULE_HELP) as RuleKey[]).flatMap((key) => {
    const h = RULE_HELP[key];
    if (key === "cycleCountTolerance") return ABC.map((c) => ({ path: `rules.${key}.${c}`, label: `${h.label}, class ${c}`, unit: h.unit, help: h.help }));
    return [{ path: `rules.${key}`, label: h.label, unit: h.unit, help: h.help, integer: h.integer }];
  });
}

const SEVERITIES = ["CRITICAL", "HIGH", "MEDIUM"] as const;
const ACTIONS = ["EXPEDITE", "TRANSFER", "REALLOCATE", "RECOUNT", "HOLD", "ADJUST"] as const satisfies readonly (keyof ScoringParams["actionLeadTimeDays"])[];
const ACTION_LABEL: Record<(typeof ACTIONS)[number], string> = { EXPEDITE: "Expedite", TRANSFER: "Transfer", REALLOCATE: "Reallocate", RECOUNT: "Recount", HOLD: "Hold", ADJUST: "Adjust" };
const SEVERITY_LABEL = { CRITICAL: "Critical", HIGH: "High", MEDIUM: "Medium", LOW: "Low" } as const;

export const PARAM_GROUPS: ParamGroup[] = [
  {
    id: "rules",
    legend: "Rule thresholds",
    description: "When each detection rule raises an exception. Sites and ABC classes can differ: see Overrides below.",
    fields: ruleFields(),
  },
  {
    id: "weights",
    legend: "Scoring weights",
    description: "How exposure in dollars is computed.",
    fields: [
      { path: "stockoutPenaltyFractionOfPrice", label: "Stock-out penalty", unit: "fraction", help: "Penalty per unit not served, as a fraction of unit price (goodwill, lost future sales); 0.25 = 25 %." },
      { path: "tierWeights.STRATEGIC", label: "Customer weight, strategic", unit: "weight", help: "Service exposure for strategic customers is multiplied by this." },
      { path: "tierWeights.KEY", label: "Customer weight, key", unit: "weight", help: "Service exposure for key customers is multiplied by this." },
      { path: "tierWeights.STANDARD", label: "Customer weight, standard", unit: "weight", help: "Service exposure for standard customers is multiplied by this." },
      { path: "holdingRatePerYear", label: "Holding cost rate", unit: "fraction", help: "Annual carrying cost as a fraction of unit cost; drives the exposure of excess and surplus stock." },
    ],
  },
  {
    id: "urgency",
    legend: "Urgency and lead times",
    description: "Urgency rises as the time left to act shrinks below the horizon; each action needs its lead time to take effect.",
    fields: [
      { path: "urgencyHorizonDays", label: "Urgency horizon", unit: "days", help: "Slack (time to impact − action lead time) at or above this is urgency 0; zero slack is urgency 1." },
      { path: "projectionMinHorizonDays", label: "Minimum projection horizon", unit: "days", integer: true, help: "Stock is projected at least this far ahead; an item's lead time is used when longer." },
      ...ACTIONS.map((a) => ({ path: `actionLeadTimeDays.${a}`, label: `Lead time, ${ACTION_LABEL[a].toLowerCase()}`, unit: "days" as const, help: `Days a ${ACTION_LABEL[a].toLowerCase()} action needs to take effect.` })),
    ],
  },
  {
    id: "confidence",
    legend: "Confidence",
    description: "The score is multiplied by a confidence factor when the evidence is doubtful.",
    fields: [
      { path: "confidence.staleSource", label: "Confidence with a stale source", unit: "fraction", help: "Factor applied when a data source behind the case missed its freshness SLA." },
      { path: "confidence.invalidMasterData", label: "Confidence with invalid master data", unit: "fraction", help: "Factor applied when the item's master data is invalid." },
      { path: "confidence.floor", label: "Confidence floor", unit: "fraction", help: "The combined factor never goes below this." },
    ],
  },
  {
    id: "severity",
    legend: "Severity bands",
    description: "A case's severity is the highest band whose lower bound its score reaches; below Medium it is Low.",
    fields: SEVERITIES.map((s) => ({ path: `severityBandsUsd.${s}`, label: `${SEVERITY_LABEL[s]} from score`, unit: "USD" as const, help: `Scores of at least this many dollars are ${SEVERITY_LABEL[s].toLowerCase()}.` })),
  },
  {
    id: "sla",
    legend: "SLA hours per severity",
    description: "Time to resolve a case of each severity before it escalates.",
    fields: (["CRITICAL", "HIGH", "MEDIUM", "LOW"] as const).map((s) => ({ path: `slaHours.${s}`, label: `SLA, ${SEVERITY_LABEL[s].toLowerCase()}`, unit: "hours" as const, help: `Hours to resolve a ${SEVERITY_LABEL[s].toLowerCase()} case.` })),
  },
  {
    id: "learning",
    legend: "Rule tuning",
    description: "When past case outcomes make the learning loop propose a threshold change (Settings → Rule tuning). A proposal changes nothing until an admin accepts it.",
    fields: [
      { path: "learning.lookbackDays", label: "Outcome history", unit: "days", integer: true, help: "Cases resolved within this many days are looked at." },
      { path: "learning.minJudgedCases", label: "Minimum judged cases", unit: "cases", integer: true, help: "A rule needs this many cases a person dismissed, closed without action or acted on before its dismissal rate counts." },
      { path: "learning.minDismissalRate", label: "Dismissal rate that triggers tuning", unit: "fraction", help: "Share of judged cases dismissed as not an issue at which a threshold change is looked for; 0.5 = 50 %." },
      { path: "learning.maxActedOnLossRate", label: "Acted-on cases a change may suppress", unit: "fraction", help: "Share of the rule's acted-on cases a proposed threshold may have suppressed; 0 = none." },
      { path: "learning.minDismissedSuppressed", label: "Minimum dismissed cases suppressed", unit: "cases", integer: true, help: "A proposal must have suppressed at least this many dismissed cases." },
    ],
  },
];

export const ALL_PARAM_FIELDS: ParamField[] = PARAM_GROUPS.flatMap((g) => g.fields);

export const UNIT_LABEL: Record<Unit, string> = {
  days: "days",
  hours: "hours",
  fraction: "fraction 0–1",
  USD: "USD",
  multiplier: "× average daily demand",
  weight: "×",
  count: "transfers",
  units: "units",
  cases: "cases",
};

/** "PO acknowledgement window (days)" for a dotted path; unknown paths are shown as they are. */
export function labelForPath(path: string): string {
  const field = ALL_PARAM_FIELDS.find((f) => f.path === path);
  if (field) return `${field.label} (${UNIT_LABEL[field.unit]})`;
  const rule = RULE_HELP[path as RuleKey];
  return rule ? `${rule.label} (${UNIT_LABEL[rule.unit]})` : path;
}

/** Reads a dotted path from a nested object. */
export function getPath(obj: unknown, path: string): unknown {
  return path.split(".").reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

/** Writes a dotted path into a nested object (creating objects on the way). */
export function setPath(obj: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split(".");
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== "object") o[k] = {};
    o = o[k] as Record<string, unknown>;
  }
  o[keys[keys.length - 1]] = value;
}
