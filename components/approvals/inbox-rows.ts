/**
 * Shapes the approval inbox for the page (on the server): the ranking, the case context (score
 * terms, key evidence, expected impact of the matching recommendation) and what the viewer may do.
 */
import type { ApprovalInbox } from "@/lib/server/dal/case-actions";
import { rankApprovals, rankReason } from "@/lib/domain/approval/inbox-rank";
import { readRequiredLevels } from "@/lib/domain/approval/policy";
import { explainScore } from "@/lib/case-view/score-explanation";
import { readRecommendations } from "@/lib/case-view/recommendations";
import { expectedImpact, keyEvidence } from "@/lib/case-view/approval-request-view";
import { formatRelative } from "@/lib/utils/format";
import type { InboxRow } from "@/components/approvals/types";

/** Everything an approver needs per inbox row, as plain data for the client list, in inbox order. */
export function toInboxRows(rows: ApprovalInbox["rows"], now: Date): InboxRow[] {
  const ranked = rankApprovals(
    rows.map((x) => ({ ...x, id: x.a.id, valueUsd: x.a.valueUsd, expiresAt: x.a.expiresAt, slaDueAt: x.a.case.slaDueAt, requestedAt: x.a.requestedAt })),
    now,
  );
  return ranked.map(({ a, caps }) => {
    const c = a.case;
    const levels = readRequiredLevels(a.requiredLevels);
    const quantity = typeof (a.payload as { quantity?: unknown } | null)?.quantity === "number" ? (a.payload as { quantity: number }).quantity : null;
    const explained = explainScore(c.explanation as never, c);
    const rank = rankReason({ id: a.id, valueUsd: a.valueUsd, expiresAt: a.expiresAt, slaDueAt: c.slaDueAt, requestedAt: a.requestedAt }, now);
    return {
      id: a.id,
      type: a.type,
      quantity,
      valueUsd: a.valueUsd,
      note: a.note,
      requestedByName: a.requestedBy.name,
      requestedAgo: formatRelative(a.requestedAt, now),
      level: a.currentLevel,
      of: levels.length,
      levelRoles: levels.map((l) => l.role),
      revision: a.revision,
      policyReason: a.policyReason,
      policyVersion: a.policyVersion,
      expiresText: a.expiresAt ? `expires ${formatRelative(a.expiresAt, now)}` : null,
      approvals: a.approvals.map((s) => ({ level: s.level, revision: s.revision, decision: s.decision, deciderName: s.decider.name, deciderRole: s.deciderRole, reason: s.reason, decidedAt: s.decidedAt.toISOString() })),
      rankWhy: rank.why,
      dueSoon: rank.dueSoon,
      canApprove: caps.canApprove,
      canDecide: caps.canDecide,
      blockedReason: caps.blockedReason,
      case: {
        id: c.id,
        number: c.number,
        title: c.title,
        severity: c.severity,
        siteCode: c.site.code,
        siteName: c.site.name,
        sku: c.item?.sku ?? null,
        itemName: c.item?.name ?? null,
        score: c.score,
        slaText: c.slaDueAt < now ? `passed ${formatRelative(c.slaDueAt, now)}` : `ends ${formatRelative(c.slaDueAt, now)}`,
        ...keyEvidence(c.explanation),
        terms: explained.terms.slice(0, 4).map((t) => ({ code: t.code, label: t.label, text: t.text, inputs: t.inputs })),
      },
      impact: expectedImpact(readRecommendations(c.recommendations), a.type, quantity),
    };
  });
}

