/**
 * Routing: a new case goes to the team (and optionally the person) of the first enabled rule, by
 * position, whose conditions all match. A case no rule claims goes to triage, marked as not
 * auto-routed, so the "% auto-routed" KPI counts only what rules handled.
 */

/** Conditions of a rule; every present condition must match, an absent one matches anything. */
export interface RoutingConditions {
  /** The case's primary (root-cause) type is one of these. */
  types?: string[];
  siteIds?: string[];
  supplierIds?: string[];
  /** The case's score is at least this ($). */
  minScore?: number;
}

export interface RoutingRuleDef {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  conditions: RoutingConditions;
  team: string;
  assigneeId: string | null;
}

/** What routing needs to know about a case. */
export interface RoutableCase {
  primaryType: string;
  siteId: string;
  supplierId: string | null;
  score: number;
}

export interface RouteDecision {
  team: string;
  assigneeId: string | null;
  autoRouted: boolean;
  /** The rule that matched, null for triage. */
  ruleId: string | null;
}

export const TRIAGE_TEAM = "triage";

const listMatches = (list: string[] | undefined, value: string | null) => !list || list.length === 0 || (value !== null && list.includes(value));

/** True when every condition of the rule holds for the case. */
export function ruleMatches(conditions: RoutingConditions, c: RoutableCase): boolean {
  return (
    listMatches(conditions.types, c.primaryType) &&
    listMatches(conditions.siteIds, c.siteId) &&
    listMatches(conditions.supplierIds, c.supplierId) &&
    (conditions.minScore == null || c.score >= conditions.minScore)
  );
}

/** The first enabled matching rule by position (ties: id) decides; none → triage. */
export function routeCase(rules: readonly RoutingRuleDef[], c: RoutableCase): RouteDecision {
  const ordered = rules.filter((r) => r.enabled).sort((a, b) => a.position - b.position || a.id.localeCompare(b.id));
  const rule = ordered.find((r) => ruleMatches(r.conditions, c));
  if (!rule) return { team: TRIAGE_TEAM, assigneeId: null, autoRouted: false, ruleId: null };
  return { team: rule.team, assigneeId: rule.assigneeId, autoRouted: true, ruleId: rule.id };
}

/**
 * Reads a stored conditions JSON value. A malformed condition (e.g. `types: "PO_NO_ASN"` instead of
 * a list) returns null so the rule never matches: a typo must not turn a narrow rule into a catch-all.
 */
export function parseRoutingConditions(value: unknown): RoutingConditions | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const out: RoutingConditions = {};
  for (const key of ["types", "siteIds", "supplierIds"] as const) {
    if (v[key] === undefined || v[key] === null) continue;
    const list = v[key];
    if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) return null;
    out[key] = list as string[];
  }
  if (v.minScore !== undefined && v.minScore !== null) {
    if (typeof v.minScore !== "number" || !Number.isFinite(v.minScore)) return null;
    out.minScore = v.minScore;
  }
  return out;
}
