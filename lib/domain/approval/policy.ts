/**
 * Approval policy: which approval levels a proposed action needs, who may decide each level, and
 * up to what value. The policy is a versioned JSON document (stored as ApprovalPolicyVersion rows,
 * edited by admins); every decision records the version it used.
 *
 * Pure and framework-free: "now" is passed in.
 */
import { z } from "zod";
import { ACTION_TYPES, type ActionType } from "@/lib/domain/score/config";

/** Roles that can hold an approval level. Admins may decide any level (never their own or edited actions). */
export const LEVEL_ROLES = ["supervisor", "finance", "admin"] as const;
export type LevelRole = (typeof LEVEL_ROLES)[number];

export const CUSTOMER_TIERS = ["STRATEGIC", "KEY", "STANDARD"] as const;
export type PolicyCustomerTier = (typeof CUSTOMER_TIERS)[number];

export const DECISIONS = ["APPROVE", "REJECT", "REQUEST_CHANGES"] as const;
export type Decision = (typeof DECISIONS)[number];

/** One required approval: level n (1-based) is decided by someone with `role` (or an admin). */
export type RequiredLevel = { level: number; role: LevelRole };

const money = z.number({ message: "Enter an amount in USD" }).finite().nonnegative("Must be 0 or more").max(1e12, "Too large");

export const policyRuleSchema = z.object({
  /** Stable id (kebab-case), used by the history diff. */
  id: z
    .string()
    .trim()
    .min(1, "Give the rule an id")
    .max(40, "At most 40 characters")
    .regex(/^[a-z0-9][a-z0-9-]*$/, "Lower-case letters, digits and dashes only"),
  name: z.string().trim().min(3, "Name the rule (at least 3 characters)").max(80, "At most 80 characters"),
  /** Every condition given must hold; an empty list or null means "any". */
  when: z.object({
    types: z.array(z.enum(ACTION_TYPES)).default([]),
    /** Matches when the action's $ value is strictly greater than this. */
    valueAboveUsd: money.nullable().default(null),
    /** Matches when the action's quantity is strictly greater than this. */
    quantityAbove: z.number().int("Whole units").nonnegative("Must be 0 or more").nullable().default(null),
    /** Case site codes (DC-ATL…). */
    siteCodes: z.array(z.string().trim().min(1).max(20)).default([]),
    /**
     * REALLOCATE only: matches when stock would be taken from orders of customers of these tiers
     * (a rule with tiers never matches other action types).
     */
    fromCustomerTiers: z.array(z.enum(CUSTOMER_TIERS)).default([]),
  }),
  /** Roles of the levels, in order: ["supervisor", "finance"] = supervisor, then finance. */
  levels: z.array(z.enum(LEVEL_ROLES)).min(1, "A rule needs at least one approval level").max(4, "At most 4 levels"),
});
export type PolicyRule = z.infer<typeof policyRuleSchema>;

export const approvalPolicySchema = z
  .object({
    version: z.number().int().positive(),
    /** Hours a request may wait for a decision before the `approvals.expire` job marks it EXPIRED. */
    expiryHours: z.number().int("Whole hours").min(1, "At least 1 hour").max(24 * 60, "At most 60 days"),
    /** Levels when no rule matches. */
    defaultLevels: z.array(z.enum(LEVEL_ROLES)).min(1, "At least one level").max(4, "At most 4 levels"),
    /** Every matching rule is considered; the one with the most levels wins (ties: the first listed). */
    rules: z.array(policyRuleSchema).max(50, "At most 50 rules"),
    /**
     * Largest $ value a role may give the FINAL approval for (null = no limit). Earlier levels review
     * and pass the request up; when the last level's role cannot cover the value a level is added
     * for a role that can. Admins have no limit: they are the escalation of last resort.
     */
    approverLimitsUsd: z.object({ supervisor: money.nullable(), finance: money.nullable() }),
    /** Low-risk, high-confidence actions skip approval; a matching rule always wins over this. */
    autoApprove: z.object({
      enabled: z.boolean(),
      types: z.array(z.enum(ACTION_TYPES)),
      maxValueUsd: money,
      minConfidence: z.number().min(0, "Between 0 and 1").max(1, "Between 0 and 1"),
    }),
  })
  .superRefine((p, ctx) => {
    const seen = new Set<string>();
    p.rules.forEach((r, i) => {
      if (seen.has(r.id)) ctx.addIssue({ code: "custom", path: ["rules", i, "id"], message: `Rule id "${r.id}" is used twice` });
      seen.add(r.id);
      if (r.when.fromCustomerTiers.length > 0 && r.when.types.some((t) => t !== "REALLOCATE")) {
        ctx.addIssue({ code: "custom", path: ["rules", i, "when", "fromCustomerTiers"], message: "Customer tiers only apply to REALLOCATE rules" });
      }
    });
  });
export type ApprovalPolicy = z.infer<typeof approvalPolicySchema>;

/** Version 1, stored on first use. */
export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  version: 1,
  expiryHours: 72,
  defaultLevels: ["supervisor"],
  rules: [
    { id: "adjust-over-5k", name: "Stock adjustment over $5,000", when: { types: ["ADJUST"], valueAboveUsd: 5_000, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] }, levels: ["supervisor"] },
    {
      id: "adjust-over-25k",
      name: "Stock adjustment over $25,000",
      when: { types: ["ADJUST"], valueAboveUsd: 25_000, quantityAbove: null, siteCodes: [], fromCustomerTiers: [] },
      levels: ["supervisor", "finance"],
    },
    {
      id: "reallocate-from-strategic",
      name: "Reallocation away from a STRATEGIC customer",
      when: { types: ["REALLOCATE"], valueAboveUsd: null, quantityAbove: null, siteCodes: [], fromCustomerTiers: ["STRATEGIC"] },
      levels: ["supervisor"],
    },
  ],
  approverLimitsUsd: { supervisor: 50_000, finance: null },
  autoApprove: { enabled: true, types: ["HOLD"], maxValueUsd: 1_000, minConfidence: 0.9 },
};

/** Parse a stored policy document (the row's version wins over the JSON's). */
export function parsePolicy(raw: unknown, version?: number) {
  const obj = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  return approvalPolicySchema.safeParse(version === undefined ? obj : { ...obj, version });
}

// ───────────────────────────── formatting (plain text, used in reasons) ─────────────────────────────

const usd = (v: number) => `$${v.toLocaleString("en-US", { maximumFractionDigits: 2 })}`;
const words = (code: string) => code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");
/** "supervisor", "supervisor, then finance". */
export const describeLevels = (roles: readonly string[]) => (roles.length === 0 ? "no approval" : roles.join(", then "));

/** null = unlimited. Admins are never limited; unknown roles can approve nothing. */
export function approverLimit(policy: ApprovalPolicy, role: string): number | null {
  if (role === "admin") return null;
  if (role === "supervisor" || role === "finance") return policy.approverLimitsUsd[role];
  return 0;
}

// ───────────────────────────── which levels an action needs ─────────────────────────────

export type ActionFacts = { type: ActionType; valueUsd: number; quantity: number };
export type ActionContext = {
  siteCode: string;
  /** The case's confidence (0..1) when the action is proposed. */
  caseConfidence: number;
  /** REALLOCATE: tiers of the customers whose allocated stock the reallocation could take. */
  fromCustomerTiers: readonly string[];
};
export type RequiredApprovals = { levels: RequiredLevel[]; autoApproved: boolean; reason: string; matchedRuleIds: string[] };

/** Why `rule` matches, or null when it does not. */
function matchRule(rule: PolicyRule, action: ActionFacts, ctx: ActionContext): string | null {
  const w = rule.when;
  const why: string[] = [];
  if (w.types.length > 0) {
    if (!w.types.includes(action.type)) return null;
    why.push(words(action.type).toLowerCase());
  }
  if (w.valueAboveUsd !== null) {
    if (!(action.valueUsd > w.valueAboveUsd)) return null;
    why.push(`value ${usd(action.valueUsd)} > ${usd(w.valueAboveUsd)}`);
  }
  if (w.quantityAbove !== null) {
    if (!(action.quantity > w.quantityAbove)) return null;
    why.push(`quantity ${action.quantity.toLocaleString("en-US")} > ${w.quantityAbove.toLocaleString("en-US")}`);
  }
  if (w.siteCodes.length > 0) {
    if (!w.siteCodes.includes(ctx.siteCode)) return null;
    why.push(`site ${ctx.siteCode}`);
  }
  if (w.fromCustomerTiers.length > 0) {
    const hit = w.fromCustomerTiers.filter((t) => ctx.fromCustomerTiers.includes(t));
    if (action.type !== "REALLOCATE" || hit.length === 0) return null;
    why.push(`takes stock from ${hit.join("/")} customer orders`);
  }
  return why.length > 0 ? why.join(", ") : "matches every action";
}

/**
 * The approval levels `action` needs under `policy`, whether it is auto-approved, and why — in one
 * sentence a requester or auditor can check against the policy.
 */
export function requiredApprovals(policy: ApprovalPolicy, action: ActionFacts, ctx: ActionContext): RequiredApprovals {
  const matches = policy.rules.flatMap((rule) => {
    const why = matchRule(rule, action, ctx);
    return why === null ? [] : [{ rule, why }];
  });
  const auto = policy.autoApprove;
  if (matches.length === 0 && auto.enabled && auto.types.includes(action.type)) {
    const valueOk = action.valueUsd <= auto.maxValueUsd;
    const confidenceOk = ctx.caseConfidence >= auto.minConfidence;
    if (valueOk && confidenceOk) {
      return {
        levels: [],
        autoApproved: true,
        matchedRuleIds: [],
        reason: `Auto-approved by policy v${policy.version}: a ${words(action.type).toLowerCase()} of ${usd(action.valueUsd)} (≤ ${usd(auto.maxValueUsd)}) on a case with confidence ${ctx.caseConfidence.toFixed(2)} (≥ ${auto.minConfidence.toFixed(2)}) is low-risk.`,
      };
    }
  }

  // The strictest matching rule wins: most levels, then the first listed.
  const winner = matches.reduce<(typeof matches)[number] | null>((best, m) => (!best || m.rule.levels.length > best.rule.levels.length ? m : best), null);
  const roles: LevelRole[] = [...(winner ? winner.rule.levels : policy.defaultLevels)];
  const parts = [winner ? `Rule “${winner.rule.name}” (${winner.why}): ${describeLevels(roles)}.` : `No rule matched: default approval by ${describeLevels(roles)}.`];
  if (matches.length > 1) parts.push(`Also matched: ${matches.filter((m) => m !== winner).map((m) => `“${m.rule.name}”`).join(", ")}; the strictest applies.`);
  if (!winner && auto.enabled && auto.types.includes(action.type)) {
    const misses = [
      action.valueUsd > auto.maxValueUsd ? `value ${usd(action.valueUsd)} > ${usd(auto.maxValueUsd)}` : null,
      ctx.caseConfidence < auto.minConfidence ? `case confidence ${ctx.caseConfidence.toFixed(2)} < ${auto.minConfidence.toFixed(2)}` : null,
    ].filter(Boolean);
    parts.push(`Not auto-approved: ${misses.join(" and ")}.`);
  }

  // The last level signs off: its role's limit must cover the value, else a level is added.
  const last = roles[roles.length - 1];
  const lastLimit = approverLimit(policy, last);
  if (lastLimit !== null && action.valueUsd > lastLimit) {
    const cover = (["supervisor", "finance"] as const)
      .filter((r) => r !== last)
      .map((r) => ({ role: r as LevelRole, limit: approverLimit(policy, r) }))
      .filter((r) => r.limit === null || action.valueUsd <= r.limit)
      .sort((a, b) => (a.limit ?? Infinity) - (b.limit ?? Infinity))[0] ?? { role: "admin" as LevelRole, limit: null };
    roles.push(cover.role);
    parts.push(`${usd(action.valueUsd)} is above the ${last} limit of ${usd(lastLimit)}, so ${cover.role} gives the final approval.`);
  }
  return {
    levels: roles.map((role, i) => ({ level: i + 1, role })),
    autoApproved: false,
    matchedRuleIds: matches.map((m) => m.rule.id),
    reason: parts.join(" "),
  };
}

/** Stored `requiredLevels` JSON read defensively (unknown roles dropped, levels renumbered in order). */
export function readRequiredLevels(raw: unknown): RequiredLevel[] {
  if (!Array.isArray(raw)) return [];
  return raw
    .filter((l): l is { level: number; role: LevelRole } => !!l && typeof l === "object" && (LEVEL_ROLES as readonly string[]).includes((l as { role?: string }).role ?? "") && typeof (l as { level?: unknown }).level === "number")
    .sort((a, b) => a.level - b.level)
    .map((l) => ({ level: l.level, role: l.role }));
}

/** When a request proposed (or re-submitted) at `from` expires. */
export function expiresAtFor(policy: ApprovalPolicy, from: Date): Date {
  return new Date(from.getTime() + policy.expiryHours * 3_600_000);
}

// ───────────────────────────── deciding one level ─────────────────────────────

export type DecisionAction = {
  status: string;
  requestedById: string;
  editedByIds: readonly string[];
  valueUsd: number;
  requiredLevels: readonly RequiredLevel[];
  currentLevel: number;
  expiresAt: Date | null;
  /** Who decided a different level of this action (any revision): none of them may decide this one. */
  otherLevelDeciderIds: readonly string[];
};

export type DecideApprovalInput = {
  action: DecisionAction;
  approver: { id: string; role: string };
  /** The level the approver is deciding (what their screen showed); must be the current level. */
  level: number;
  decision: Decision;
  reason?: string | null;
  now: Date;
};

export type DecisionRefusal = "STATUS" | "EXPIRED" | "STALE_LEVEL" | "SELF_APPROVAL" | "EDITED_BY_APPROVER" | "SAME_PERSON" | "ROLE" | "LIMIT" | "REASON_REQUIRED";

export type ApprovalVerdict =
  | {
      allowed: true;
      /** The role the approver acts as (the level's role; an admin acts as it too). */
      actingAs: LevelRole;
      /** True when an APPROVE completes the last level. */
      final: boolean;
      nextStatus: "PENDING_APPROVAL" | "APPROVED" | "REJECTED" | "CHANGES_REQUESTED";
      /** Level waiting after this decision (levels + 1 once fully approved). */
      nextLevel: number;
    }
  | { allowed: false; code: DecisionRefusal; message: string };

const refuse = (code: DecisionRefusal, message: string): ApprovalVerdict => ({ allowed: false, code, message });

/**
 * Whether `approver` may take `decision` on level `level` of `action`, in this order: status,
 * expiry, level, requester ≠ approver (every role, admins too), editors never approve, one person
 * one level, role of the level (admins may act as any), the final approver's value limit, and a
 * reason for rejecting or requesting changes.
 */
export function decideApproval(policy: ApprovalPolicy, input: DecideApprovalInput): ApprovalVerdict {
  const { action, approver, level, decision } = input;
  if (action.status !== "PENDING_APPROVAL") {
    return refuse("STATUS", `This request is ${words(action.status).toLowerCase()}; only requests waiting for approval can be decided.`);
  }
  if (action.expiresAt && input.now.getTime() >= action.expiresAt.getTime()) {
    return refuse("EXPIRED", "This request expired before it was decided; the requester can propose it again.");
  }
  const levels = action.requiredLevels;
  const current = levels.find((l) => l.level === action.currentLevel);
  if (!current || level !== action.currentLevel) {
    return refuse("STALE_LEVEL", `This request is now at level ${action.currentLevel} of ${levels.length}; reload to see its current state.`);
  }
  // Four-eyes: no role, admin included, may decide its own request.
  if (action.requestedById === approver.id) return refuse("SELF_APPROVAL", "You cannot approve or decide an action you requested.");
  if (action.editedByIds.includes(approver.id)) return refuse("EDITED_BY_APPROVER", "You edited this action, so you cannot decide it; another approver must.");
  if (action.otherLevelDeciderIds.includes(approver.id)) return refuse("SAME_PERSON", "You already decided another level of this action; a different person must decide this level.");
  if (approver.role !== current.role && approver.role !== "admin") {
    return refuse("ROLE", `Level ${current.level} of ${levels.length} needs a ${current.role}${approver.role ? `; the ${approver.role} role cannot decide it` : ""}.`);
  }
  const final = current.level === levels.length;
  if (decision === "APPROVE" && final) {
    const limit = approverLimit(policy, approver.role);
    if (limit !== null && !(action.valueUsd <= limit)) {
      return refuse("LIMIT", `${usd(action.valueUsd)} exceeds the ${approver.role} approval limit of ${usd(limit)}; a higher approver must give the final approval.`);
    }
  }
  if (decision !== "APPROVE" && (input.reason?.trim().length ?? 0) < 3) {
    return refuse("REASON_REQUIRED", decision === "REJECT" ? "Say why you reject it (at least 3 characters)." : "Say what should change (at least 3 characters).");
  }
  const actingAs = current.role;
  if (decision === "REJECT") return { allowed: true, actingAs, final: false, nextStatus: "REJECTED", nextLevel: current.level };
  if (decision === "REQUEST_CHANGES") return { allowed: true, actingAs, final: false, nextStatus: "CHANGES_REQUESTED", nextLevel: current.level };
  return { allowed: true, actingAs, final, nextStatus: final ? "APPROVED" : "PENDING_APPROVAL", nextLevel: current.level + 1 };
}
