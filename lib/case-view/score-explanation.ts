/**
 * The case score laid out so a planner can redo it by hand:
 *   (E_svc + E_fin) × (0.5 + 0.5·U) × confidence = total
 * one row per term with its formula and inputs, the per-finding components that sum to each
 * exposure, and the config version. Reads stored explanations of any age: terms, vector or
 * components may be missing, in which case the case's own score columns fill in.
 */
import type { ScoreComponent, ScoreExplanation, ScoreTerm } from "@/lib/domain/model/case-draft";
import { formatNumber, humanize } from "@/lib/utils/format";
import { formatFactor, formatUsdCents } from "@/lib/case-view/format-score";

/** The score columns stored on the Case row, used when the explanation lacks a field. */
export interface CaseScoreColumns {
  score: number;
  serviceExposure: number;
  financialExposure: number;
  urgency: number;
  confidence: number;
  configVersion: number;
  severity: string;
}

export type InputValue = number | string | null;

export interface ExplainedInput {
  name: string;
  label: string;
  text: string;
}

export interface ExplainedTerm {
  code: string;
  label: string;
  formula: string;
  inputs: ExplainedInput[];
  value: number;
  unit: "USD" | "factor";
  text: string;
}

export interface ScoreArithmetic {
  serviceExposure: number;
  financialExposure: number;
  urgency: number;
  urgencyFactor: number;
  confidence: number;
  /** The stored total (what the case ranks by). */
  total: number;
  /** The same product recomputed from the parts above. */
  recomputed: number;
  /** Stored total and recomputed product agree to the cent (allowing float noise). */
  consistent: boolean;
}

export interface ComponentRow {
  key: string;
  type: string;
  typeLabel: string;
  formula: string;
  inputs: ExplainedInput[];
  value: number;
}

export interface ComponentGroup {
  kind: "SERVICE" | "FINANCIAL";
  label: string;
  rows: ComponentRow[];
  sum: number;
  /** The exposure the rows must add up to. */
  exposure: number;
  matches: boolean;
}

export interface ExplainedScore {
  arithmetic: ScoreArithmetic;
  terms: ExplainedTerm[];
  /** null when the explanation predates per-finding components. */
  components: ComponentGroup[] | null;
  version: number | string;
  severity: string;
  severityReason: string | null;
  vector: ExplainedInput[];
}

const MONEY = new Set(["unit_margin", "penalty", "unit_cost", "E_svc", "E_fin", "value"]);
const FACTORS = new Set(["U", "tier_weight", "confidence", "urgency_factor", "holding_rate", "stockout_penalty_fraction"]);
const DAYS = new Set(["TTI_days", "slack_days", "age_days", "action_lead_time_days", "H_u", "gap_days"]);

const INPUT_LABELS: Record<string, string> = {
  units: "Units",
  units_short: "Units short",
  Q_short: "Units short at the worst point",
  unit_margin: "Unit margin",
  penalty: "Stock-out penalty per unit",
  tier_weight: "Customer tier weight",
  unit_cost: "Unit cost",
  t_star: "First impact date (t*)",
  shortage_date: "First shortage date",
  eta: "ETA of covering inbound",
  gap_days: "Gap (ETA − t*)",
  counted_keys: "Impacts counted",
  holding_rate: "Holding rate per year",
  TTI_days: "Time to impact (TTI)",
  action: "Suggested action",
  action_lead_time_days: "Action lead time",
  slack_days: "Slack (TTI − lead time)",
  age_days: "Age of the oldest finding",
  H_u: "Urgency horizon (H_u)",
  U: "Urgency U",
  urgency_factor: "Urgency factor",
  confidence: "Confidence",
  stale_sources: "Stale data sources",
  invalid_master_data: "Invalid master data",
  E_svc: "Service exposure (E_svc)",
  E_fin: "Financial exposure (E_fin)",
  stockout_penalty_fraction: "Penalty as a share of price",
  rule_version: "Rule version",
  weights_version: "Weights version",
};

const moneyDetail = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", minimumFractionDigits: 2, maximumFractionDigits: 4 });

/** One named input as text: money to the cent (or finer when the rule used finer), factors to 4 places, days with a unit. */
export function formatInput(name: string, v: InputValue | undefined): string {
  if (v == null || v === "") return "—";
  if (typeof v !== "number") return String(v);
  if (!Number.isFinite(v)) return "—";
  if (MONEY.has(name)) return moneyDetail.format(v);
  if (FACTORS.has(name)) return formatFactor(v);
  if (DAYS.has(name)) return `${formatNumber(v)} ${Math.abs(v) === 1 ? "day" : "days"}`;
  return formatNumber(v);
}

/** Inputs in the order their formulas read (stored JSONB does not keep key order); others follow. */
const INPUT_ORDER = ["units_short", "Q_short", "units", "unit_margin", "penalty", "tier_weight", "unit_cost", "counted_keys", "holding_rate", "t_star", "shortage_date", "TTI_days", "action", "action_lead_time_days", "slack_days", "age_days", "H_u", "U", "eta", "gap_days", "stale_sources", "invalid_master_data"];
const orderOf = (name: string) => {
  const i = INPUT_ORDER.indexOf(name);
  return i < 0 ? INPUT_ORDER.length : i;
};

const explainInputs = (inputs: Record<string, InputValue> | undefined, { skipNull = false } = {}): ExplainedInput[] =>
  Object.entries(inputs ?? {})
    .sort(([a], [b]) => orderOf(a) - orderOf(b))
    .filter(([, v]) => !skipNull || (v != null && v !== ""))
    .map(([name, v]) => ({ name, label: INPUT_LABELS[name] ?? humanize(name), text: formatInput(name, v) }));

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** The four terms of the formula, in the order the arithmetic line uses them. */
const CORE_TERMS: { code: string; label: string; unit: "USD" | "factor"; formula: string }[] = [
  { code: "service_exposure", label: "Service exposure ($)", unit: "USD", formula: "Σ over distinct shortages of units_short × (unit_margin + penalty) × tier_weight" },
  { code: "financial_exposure", label: "Financial exposure ($)", unit: "USD", formula: "Σ units × unit_cost over the financial impacts" },
  { code: "urgency_factor", label: "Urgency factor (0.5 + 0.5·U)", unit: "factor", formula: "0.5 + 0.5·U, U = clamp(1 − (TTI − action_lead_time)/H_u, 0, 1)" },
  { code: "confidence", label: "Confidence", unit: "factor", formula: "data-quality multiplier (stale sources, invalid master data)" },
];

/** Cents agree once float noise is ignored. */
const sameCents = (a: number, b: number) => Math.abs(a - b) < 0.005 + 1e-9 * Math.max(1, Math.abs(a));

function componentGroups(components: ScoreComponent[], eSvc: number, eFin: number): ComponentGroup[] {
  return (["SERVICE", "FINANCIAL"] as const).map((kind) => {
    const rows = components
      .filter((c) => c.kind === kind)
      .map((c) => ({
        key: c.key,
        type: c.type,
        typeLabel: humanize(c.type),
        formula: c.formula,
        inputs: explainInputs(c.inputs, { skipNull: true }),
        value: num(c.value) ?? 0,
      }));
    const sum = rows.reduce((s, r) => s + r.value, 0);
    const exposure = kind === "SERVICE" ? eSvc : eFin;
    // Exposures are stored to the cent, components are not: half a cent per row is rounding.
    return { kind, label: kind === "SERVICE" ? "Service exposure" : "Financial exposure", rows, sum, exposure, matches: Math.abs(sum - exposure) <= 0.005 * Math.max(1, rows.length) + 1e-6 };
  });
}

/** Builds the hand-checkable score view from a stored explanation and the case's score columns. */
export function explainScore(raw: Partial<ScoreExplanation> | null | undefined, c: CaseScoreColumns): ExplainedScore {
  const x: Partial<ScoreExplanation> = raw && typeof raw === "object" ? raw : {};
  const vector = (x.vector && typeof x.vector === "object" ? x.vector : {}) as Record<string, InputValue>;
  const storedTerms = Array.isArray(x.terms) ? x.terms : [];

  const eSvc = num(x.serviceExposure) ?? num(vector.E_svc) ?? c.serviceExposure;
  const eFin = num(x.financialExposure) ?? num(vector.E_fin) ?? c.financialExposure;
  const U = num(x.urgency) ?? num(vector.U) ?? c.urgency;
  const confidence = num(x.confidence) ?? num(vector.confidence) ?? c.confidence;
  const urgencyFactor = 0.5 + 0.5 * U;
  const total = num(x.total) ?? c.score;
  const recomputed = (eSvc + eFin) * urgencyFactor * confidence;
  const values: Record<string, number> = { service_exposure: eSvc, financial_exposure: eFin, urgency_factor: urgencyFactor, confidence };

  const termFor = (code: string): ScoreTerm | undefined => storedTerms.find((t) => t && t.code === code);
  const fallbackInputs: Record<string, Record<string, InputValue>> = {
    service_exposure: { units_short: vector.units_short ?? vector.Q_short ?? null, unit_margin: vector.unit_margin ?? null, penalty: vector.penalty ?? null, tier_weight: vector.tier_weight ?? null },
    financial_exposure: {},
    urgency_factor: { TTI_days: vector.TTI_days ?? null, action_lead_time_days: vector.action_lead_time_days ?? null, slack_days: vector.slack_days ?? null, H_u: vector.H_u ?? null, U },
    confidence: {},
  };
  const core: ExplainedTerm[] = CORE_TERMS.map((d) => {
    const t = termFor(d.code);
    const value = values[d.code];
    return {
      code: d.code,
      label: d.label,
      formula: t?.formula || d.formula,
      inputs: explainInputs(t?.inputs ?? fallbackInputs[d.code]),
      value,
      unit: d.unit,
      text: d.unit === "USD" ? formatUsdCents(value) : formatFactor(value),
    };
  });
  // Terms a newer engine may add are shown too, after the four of the formula.
  const extra: ExplainedTerm[] = storedTerms
    .filter((t) => t && typeof t.code === "string" && !CORE_TERMS.some((d) => d.code === t.code))
    .map((t) => {
      const unit = t.unit === "USD" ? "USD" : "factor";
      const value = num(t.value) ?? 0;
      return { code: t.code, label: t.label || humanize(t.code), formula: t.formula ?? "", inputs: explainInputs(t.inputs), value, unit, text: unit === "USD" ? formatUsdCents(value) : formatFactor(value) };
    });

  const version = vector.weights_version ?? vector.rule_version ?? num(x.configVersion) ?? c.configVersion;
  return {
    arithmetic: { serviceExposure: eSvc, financialExposure: eFin, urgency: U, urgencyFactor, confidence, total, recomputed, consistent: sameCents(Math.round(recomputed * 100) / 100, Math.round(total * 100) / 100) },
    terms: [...core, ...extra],
    components: Array.isArray(x.components) ? componentGroups(x.components, eSvc, eFin) : null,
    version: version ?? c.configVersion,
    severity: typeof x.severity === "string" ? x.severity : c.severity,
    severityReason: typeof x.severityReason === "string" ? x.severityReason : null,
    vector: explainInputs(vector),
  };
}
