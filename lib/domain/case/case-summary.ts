/**
 * A deterministic plain-language paragraph for a case, built only from its evidence and score:
 * what happened, where, how much is at stake, by when, why it ranks where it does, and the best
 * next action. Same inputs → same text (no clock, no randomness).
 */
import type { Finding, Recommendation, ScoreExplanation } from "@/lib/domain/model/case-draft";
import { typePhrase } from "@/lib/domain/case/case-title";
import { isoDate } from "@/lib/domain/util/dates";
import { fmtQty, fmtUsd, round } from "@/lib/domain/util/numbers";

export interface CaseSummaryInput {
  title: string;
  findings: readonly Finding[];
  score: ScoreExplanation;
  slaDueAt: Date;
  recommendations: readonly Recommendation[];
  /** Location codes the case touches, first = the case site. */
  siteCodes: readonly string[];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Builds the case summary paragraph. */
export function buildCaseSummary(input: CaseSummaryInput): string {
  const { findings, score } = input;
  const root = findings[0];
  if (!root) return input.title;
  const v = score.vector;
  const types = [...new Set(findings.map((f) => f.type))];
  const parts: string[] = [];

  parts.push(`${root.summary}.`);
  if (findings.length > 1) {
    parts.push(`It is the root of ${plural(findings.length - 1, "linked finding")} (${types.slice(1).map((t) => typePhrase(t)).join(", ") || typePhrase(root.type)}).`);
  }
  parts.push(`Where: ${input.siteCodes.join(", ")}.`);

  const money = score.serviceExposure + score.financialExposure;
  const qShort = typeof v.Q_short === "number" ? v.Q_short : null;
  const how = [`${fmtUsd(money)} at stake (${fmtUsd(score.serviceExposure)} service, ${fmtUsd(score.financialExposure)} financial)`];
  if (qShort !== null && qShort > 0) how.push(`${fmtQty(round(qShort, 1))} units short`);
  parts.push(`How much: ${how.join(", ")}.`);

  const when: string[] = [];
  if (typeof v.shortage_date === "string") when.push(`first shortage ${v.shortage_date}`);
  else if (typeof v.t_star === "string") when.push(`impact from ${v.t_star}`);
  if (typeof v.eta === "string") when.push(`next covering inbound ${v.eta}${typeof v.gap_days === "number" ? ` (${v.gap_days} days late)` : ""}`);
  when.push(`act by ${isoDate(input.slaDueAt)}`);
  parts.push(`By when: ${when.join("; ")}.`);

  const doubts: string[] = [];
  const conf = score.terms.find((t) => t.code === "confidence");
  if (conf && typeof conf.inputs.stale_sources === "string") doubts.push(`stale ${conf.inputs.stale_sources} data`);
  if (conf && conf.inputs.invalid_master_data === "yes") doubts.push("invalid master data");
  parts.push(
    `Why it ranks here: score ${fmtUsd(score.total)} = ${fmtUsd(money)} × urgency ${round(0.5 + 0.5 * score.urgency, 2)} × confidence ${round(score.confidence, 2)}${doubts.length ? ` (lowered by ${doubts.join(" and ")})` : ""}; ${score.severity} because ${score.severityReason}.`,
  );

  const top = input.recommendations[0];
  if (top) parts.push(`Best next step: ${top.label} (recovers ${fmtUsd(top.impact.usdRecovered)}${top.impact.daysGained > 0 ? `, ${plural(top.impact.daysGained, "day")} gained` : ""}).`);
  return parts.join(" ");
}
