/**
 * What the detection engine hands to persistence: cases grouped by root cause, each with its
 * exceptions (the causal chain) and a fully explained score. Pure data, JSON-serialisable
 * except for Date fields.
 */
import type { ActionType } from "@/lib/domain/score/config";
import type { RuleThresholdKey } from "@/lib/domain/score/rule-threshold";

export type Severity = "CRITICAL" | "HIGH" | "MEDIUM" | "LOW";

/** One term of the score, shown to the planner as a bar with its inputs. */
export interface ScoreTerm {
  /** Stable code, e.g. "service_exposure", "financial_exposure", "urgency_factor", "confidence". */
  code: string;
  label: string;
  /** The formula in words/symbols as shown on the case page, e.g. "Q_short × (margin + penalty) × tier weight". */
  formula: string;
  /** Named inputs with their values (numbers, ISO dates or short strings). */
  inputs: Record<string, number | string | null>;
  /** The term's value ($ for exposures, a factor for multipliers). */
  value: number;
  unit: "USD" | "factor";
}

export interface ScoreExplanation {
  /** score = (serviceExposure + financialExposure) × (0.5 + 0.5 × urgency) × confidence */
  total: number;
  serviceExposure: number;
  financialExposure: number;
  urgency: number;
  confidence: number;
  severity: Severity;
  /** Why the severity is what it is (band or floor rule). */
  severityReason: string;
  terms: ScoreTerm[];
  /** The explanation vector of domain.md: Q_short, t*, ETA, gap_days, E[US], margin, penalty, tier weight… */
  vector: Record<string, number | string | null>;
  /**
   * Every distinct impact that was counted, with its own formula and inputs: Σ service components
   * = serviceExposure and Σ financial components = financialExposure. Absent on explanations
   * stored before it existed.
   */
  components?: ScoreComponent[];
  configVersion: number;
}

/** One counted impact of a case (one shortage, one variance, one excess…). */
export interface ScoreComponent {
  key: string;
  kind: "SERVICE" | "FINANCIAL";
  /** The finding that carries it (the largest of the findings sharing the key). */
  type: string;
  fingerprint: string;
  formula: string;
  inputs: Record<string, number | string | null>;
  value: number;
}

/**
 * How a finding's exposure was computed, for the score explanation and de-duplication.
 * Optional so hand-built findings stay valid; every engine rule sets it.
 */
export interface FindingImpact {
  kind: "SERVICE" | "FINANCIAL";
  /** Findings that express the same $ (e.g. one item-location shortage) share a key; a case counts each key once. */
  key: string;
  /** A probabilistic stand-in (e.g. supply value × late rate), dropped when the case has a concrete service loss. */
  proxy?: boolean;
  /** Units behind the exposure (units short, or units valued for financial types). */
  units: number;
  /** First shortage date (or now for present-tense findings); null when nothing breaks on a date. */
  tStar: Date | null;
  /** ETA of the first inbound covering the shortage, when there is one. */
  eta: Date | null;
  gapDays: number | null;
  unitMargin: number | null;
  penalty: number | null;
  tierWeight: number | null;
  unitCost: number | null;
  /** Suggested corrective action (EXPEDITE, TRANSFER, …); its lead time drives urgency. */
  suggestedAction: string;
}

/**
 * The comparison that raised a finding, for replaying past cases against another threshold
 * (lib/domain/learning): the finding fires when `value > threshold`, or when `also` (another
 * condition of the rule) holds on its own. Set by rules with one numeric threshold.
 */
export interface FindingTrigger {
  /** The threshold compared (a key of ScoringParams.rules). */
  key: RuleThresholdKey;
  /** The compared value (exact, not rounded); null when the threshold did not decide. */
  value: number | null;
  /** The threshold in force for this finding's site and class. */
  threshold: number;
  /** Another condition of the rule fired on its own: no value of `key` suppresses the finding. */
  also?: boolean;
}

/** One detected exception (one of the 25 types) on one object. */
export interface Finding {
  type: string;
  /** type + object key; stable across runs. */
  fingerprint: string;
  /** Objects sharing a causeKey form one case, e.g. "poline:<id>", "itemloc:<item>:<loc>". */
  causeKey: string;
  siteId: string;
  itemId: string | null;
  supplierId: string | null;
  summary: string;
  /** Inline evidence shown with the alert (balances, dates, document numbers). */
  evidence: Record<string, unknown>;
  /** When the underlying event happened in the source (for detection latency). */
  eventAt: Date;
  /** Position in the causal chain (0 = root cause). */
  chainOrder: number;
  /** $ this finding contributes to the case's exposure. */
  exposure: number;
  /** How `exposure` was derived (engine-set; optional for hand-built findings). */
  impact?: FindingImpact;
  /** The threshold comparison that raised it (rules with one numeric threshold; see FindingTrigger). */
  trigger?: FindingTrigger;
  /**
   * Cause keys or impact keys (e.g. "shortage:<item>:<loc>") of other findings that share this
   * root cause: their cases merge into one (e.g. a credit hold and the order lines it blocks).
   */
  links?: string[];
}

/** Expected effect of a recommended action, used to rank candidates. */
export interface RecommendationImpact {
  unitsRecovered: number;
  usdRecovered: number;
  daysGained: number;
}

/** One ranked candidate action for a case (advice; the planner proposes, an approver decides). */
export interface Recommendation {
  /** Stable code, e.g. "TRANSFER_FROM_SURPLUS", "EXPEDITE_PO", "CHASE_SUPPLIER". */
  code: string;
  /** 1 = best. */
  rank: number;
  label: string;
  /** Executable action type (lib/domain/case/action-schemas.ts), null for advice such as "chase supplier". */
  actionType: ActionType | null;
  /** Fields for proposeActionSchema (without caseId and note) when actionType is set. */
  payload: { quantity: number; fromLocationId?: string; targetDate?: string } | null;
  impact: RecommendationImpact;
  reason: string;
}

export interface CaseDraft {
  causeKey: string;
  title: string;
  primaryType: string;
  siteId: string;
  itemId: string | null;
  supplierId: string | null;
  findings: Finding[];
  score: ScoreExplanation;
  /** Oldest source timestamp behind the evidence (data freshness). */
  dataAsOf: Date;
  /** When the case must be handled by, from severity and time to impact. */
  slaDueAt: Date;
  /** Deterministic plain-language paragraph: what, where, how much, by when, why it ranks here. */
  summary: string;
  /** Ranked candidate actions, best first (by $ recovered, then days gained). */
  recommendations: Recommendation[];
}
