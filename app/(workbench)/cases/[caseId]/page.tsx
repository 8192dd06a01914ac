import type { Metadata } from "next";
import { Suspense } from "react";
import { notFound, redirect } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/server/auth/viewer";
import { getCaseDetail, type CaseDetail } from "@/lib/server/dal/cases";
import { getCaseEvidence, getTransferSources } from "@/lib/server/dal/case-evidence";
import { AppError } from "@/lib/server/errors";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Card, Notice, Skeleton } from "@/components/ui/card";
import { CaseHeader } from "@/components/cases/case-header";
import { ScoreBreakdown } from "@/components/cases/score-breakdown";
import { CausalChain } from "@/components/cases/causal-chain";
import { EvidenceSection } from "@/components/cases/evidence-tables";
import { CaseTimeline } from "@/components/cases/case-timeline";
import { ActionList } from "@/components/cases/action-list";
import { ProposeActionForm } from "@/components/cases/propose-action-form";
import { DecisionPanel } from "@/components/cases/decision-panel";
import { getCaseApprovalState } from "@/lib/server/dal/case-actions";
import { CommentForm } from "@/components/cases/comment-form";
import { CaseSummary } from "@/components/cases/case-summary";
import { RecommendedActions } from "@/components/cases/recommended-actions";
import { ProposeDraftProvider } from "@/components/cases/propose-draft";
import { explainScore } from "@/lib/case-view/score-explanation";
import { readRecommendations } from "@/lib/case-view/recommendations";
import { scoreWaterfall } from "@/lib/case-view/score-waterfall";
import { listAssignableUsers, listMentionCandidates } from "@/lib/server/dal/case-people";
import { ScoreWaterfall } from "@/components/cases/score-waterfall";
import { getCaseWriteBacks } from "@/lib/server/dal/write-backs";
import { WriteBackStatus } from "@/components/cases/write-back-status";
import { getSimilarCaseOutcomes } from "@/lib/server/dal/similar-cases";
import { rerankByHistory, type LevelStats } from "@/lib/domain/learning/similar-cases";
import { requestLog } from "@/lib/server/request-log";
import { errorFields } from "@/lib/server/log";

export const metadata: Metadata = { title: "Case" };

const CLOSED_REASON: Record<string, string> = {
  PENDING_APPROVAL: "An action is waiting for approval. A new one can be proposed once it is decided.",
  ACTION_APPROVED: "An approved action is being written back to its source system; the case resolves when the source confirms it.",
  RESOLVED: "This case is resolved; no new actions can be proposed.",
};

async function loadCase(viewer: Viewer, caseId: string): Promise<CaseDetail> {
  try {
    return await getCaseDetail(viewer, caseId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

/** Streams in after the rest of the page; a failure here is reported, not hidden. */
async function Evidence({ viewer, caseId, now }: { viewer: Viewer; caseId: string; now: Date }) {
  try {
    const evidence = await getCaseEvidence(viewer, caseId);
    return <EvidenceSection evidence={evidence} now={now} />;
  } catch (e) {
    (await requestLog()).error(errorFields(e), "case page: evidence failed");
    return (
      <Card title="Evidence" id="evidence">
        <Notice tone="error">The evidence for this case could not be loaded. Reload the page to try again.</Notice>
      </Card>
    );
  }
}

/** What resolved similar cases; a failed query is reported on the card (the engine's order is kept), never shown as "no history". */
async function loadSimilarOutcomes(viewer: Viewer, c: CaseDetail, now: Date): Promise<{ levels: LevelStats[]; failed: boolean }> {
  try {
    return { levels: await getSimilarCaseOutcomes(viewer, { id: c.id, primaryType: c.primaryType, siteId: c.siteId, supplierId: c.supplierId }, now), failed: false };
  } catch (e) {
    (await requestLog()).error(errorFields(e), "case page: similar-case outcomes failed");
    return { levels: [], failed: true };
  }
}

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const c = await loadCase(viewer, caseId);
  const now = new Date();
  const mayPropose = hasPermission(viewer.role, "cases.propose");
  const mayComment = hasPermission(viewer.role, "cases.comment");
  const mayTriage = hasPermission(viewer.role, "cases.triage");
  // Independent reads side by side (each authorizes on its own); the page waits for the slowest, not the sum.
  // The open request (waiting for approval or sent back for changes) comes with its levels and what the viewer may do.
  const [sources, writeBacks, approvalState, similar, assignable, mentionable] = await Promise.all([
    getTransferSources(viewer, caseId),
    getCaseWriteBacks(viewer, c.id),
    getCaseApprovalState(viewer, c.id, now),
    loadSimilarOutcomes(viewer, c, now),
    mayTriage ? listAssignableUsers(viewer, c.id) : Promise.resolve([]),
    mayComment ? listMentionCandidates(viewer, c.id) : Promise.resolve([]),
  ]);
  const openRequest = approvalState.open;
  const locationCodes = new Map([...sources.map((s) => [s.id, s.code] as const), [c.site.id, c.site.code] as const]);
  const qShort = c.explanation?.vector?.Q_short ?? c.explanation?.vector?.units_short;
  const suggestedAction = c.explanation?.terms?.find((t) => t.code === "urgency_factor")?.inputs.action;
  const explained = explainScore(c.explanation, c);
  const ranked = rerankByHistory(readRecommendations(c.recommendations), similar.levels);
  const recommendations = ranked.recommendations;
  const closedReason = c.status === "OPEN" ? null : (CLOSED_REASON[c.status] ?? "This case cannot take a new action right now.");
  // Rebalancing recommendations send stock away from the case site: offer it as a source when one does.
  const formSources =
    recommendations.some((r) => r.payload?.fromLocationId === c.site.id) && !sources.some((s) => s.id === c.site.id)
      ? [...sources, { id: c.site.id, code: c.site.code, name: `${c.site.name} (this case's site)`, available: null }]
      : sources;
  // Who acknowledged / snoozed is on the timeline (the Case row keeps only the ids).
  const lastActor = (type: string) => c.events.findLast((e) => e.type === type)?.actor?.name ?? null;

  return (
    <div className="space-y-4">
      <CaseHeader
        now={now}
        viewer={{ id: viewer.id, canTriage: mayTriage }}
        assignable={assignable}
        c={{
          id: c.id,
          number: c.number,
          title: c.title,
          primaryType: c.primaryType,
          severity: c.severity,
          status: c.status,
          score: c.score,
          siteCode: c.site.code,
          siteName: c.site.name,
          sku: c.item?.sku ?? null,
          itemName: c.item?.name ?? null,
          assigneeId: c.assignee?.id ?? null,
          assigneeName: c.assignee?.name ?? null,
          openedAt: c.openedAt,
          slaDueAt: c.slaDueAt,
          dataAsOf: c.dataAsOf,
          confidence: c.confidence,
          resolvedAt: c.resolvedAt,
          resolutionCode: c.resolutionCode,
          resolutionReason: c.resolutionReason,
          acknowledgedAt: c.acknowledgedAt,
          acknowledgedByName: c.acknowledgedAt ? lastActor("ACKNOWLEDGED") : null,
          snooze: c.snoozedAt
            ? { snoozedAt: c.snoozedAt, snoozedByName: lastActor("SNOOZED"), snoozeUntil: c.snoozeUntil, snoozeOnChange: c.snoozeOnChange, snoozeScoreRisePct: c.snoozeScoreRisePct }
            : null,
        }}
      />
      <ProposeDraftProvider>
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <div className="min-w-0 space-y-4">
          <CaseSummary
            now={now}
            c={{
              summary: c.summary,
              severity: c.severity,
              severityReason: explained.severityReason,
              status: c.status,
              team: c.team,
              autoRouted: c.autoRouted,
              slaDueAt: c.slaDueAt,
              resolvedAt: c.resolvedAt,
              escalationLevel: c.escalationLevel,
              escalatedAt: c.escalatedAt,
            }}
          />
          <RecommendedActions
            recommendations={recommendations}
            history={{ level: ranked.level, failed: similar.failed, unlisted: ranked.unlisted }}
            canPropose={mayPropose && closedReason === null}
            closedReason={mayPropose ? closedReason : null}
          />
          <ScoreWaterfall steps={scoreWaterfall(explained.arithmetic)} version={explained.version} canOpenSettings={hasPermission(viewer.role, "admin.manage")} />
          <ScoreBreakdown explained={explained} score={c.score} />
          <CausalChain links={c.exceptions} />
          <Suspense fallback={<Card title="Evidence"><Skeleton className="h-64 w-full" /><span className="sr-only">Loading evidence…</span></Card>}>
            <Evidence viewer={viewer} caseId={c.id} now={now} />
          </Suspense>
          <CaseTimeline events={c.events} now={now} />
        </div>
        <aside className="min-w-0 space-y-4" aria-label="Actions and decisions">
          {openRequest && (
            <Card title={openRequest.viewer.atTheirLevel ? "Decision needed" : "Approval request"} id="decision">
              <DecisionPanel request={openRequest} now={now} sources={formSources} unitCost={c.item ? Number(c.item.unitCost) : null} />
            </Card>
          )}
          {mayPropose && (
            <Card title="Propose an action" id="propose">
              <ProposeActionForm
                caseId={c.id}
                sources={formSources}
                unitCost={c.item ? Number(c.item.unitCost) : null}
                suggestedQuantity={typeof qShort === "number" ? qShort : null}
                suggestedType={typeof suggestedAction === "string" ? suggestedAction : null}
                closedReason={closedReason}
              />
            </Card>
          )}
          {(writeBacks.writeBacks.length > 0 || (c.status === "ACTION_APPROVED" && writeBacks.canClose)) && <WriteBackStatus caseId={c.id} data={writeBacks} />}
          <Card title={`Actions (${c.actions.length})`} id="actions">
            <ActionList actions={c.actions} locationCodes={locationCodes} approvals={approvalState.byAction} />
          </Card>
          {mayComment && (
            <Card title="Comment" id="comment">
              <CommentForm caseId={c.id} candidates={mentionable} />
            </Card>
          )}
        </aside>
      </div>
      </ProposeDraftProvider>
    </div>
  );
}
