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
import { CommentForm } from "@/components/cases/comment-form";
import { CaseSummary } from "@/components/cases/case-summary";
import { RecommendedActions } from "@/components/cases/recommended-actions";
import { ProposeDraftProvider } from "@/components/cases/propose-draft";
import { explainScore } from "@/lib/case-view/score-explanation";
import { readRecommendations } from "@/lib/case-view/recommendations";

export const metadata: Metadata = { title: "Case" };

const CLOSED_REASON: Record<string, string> = {
  PENDING_APPROVAL: "An action is waiting for approval. A new one can be proposed once it is decided.",
  ACTION_APPROVED: "An approved action is being carried out; the case resolves when detection no longer finds the condition.",
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
    console.error("[case page] evidence failed", e);
    return (
      <Card title="Evidence" id="evidence">
        <Notice tone="error">The evidence for this case could not be loaded. Reload the page to try again.</Notice>
      </Card>
    );
  }
}

export default async function CasePage({ params }: { params: Promise<{ caseId: string }> }) {
  const { caseId } = await params;
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const c = await loadCase(viewer, caseId);
  const sources = await getTransferSources(viewer, caseId);
  const now = new Date();

  const mayPropose = hasPermission(viewer.role, "cases.propose");
  const mayApprove = hasPermission(viewer.role, "actions.approve");
  const mayComment = hasPermission(viewer.role, "cases.comment");
  const pending = c.actions.find((a) => a.status === "PENDING_APPROVAL") ?? null;
  const locationCodes = new Map([...sources.map((s) => [s.id, s.code] as const), [c.site.id, c.site.code] as const]);
  const qShort = c.explanation?.vector?.Q_short ?? c.explanation?.vector?.units_short;
  const suggestedAction = c.explanation?.terms?.find((t) => t.code === "urgency_factor")?.inputs.action;
  const explained = explainScore(c.explanation, c);
  const recommendations = readRecommendations(c.recommendations);
  const closedReason = c.status === "OPEN" ? null : (CLOSED_REASON[c.status] ?? "This case cannot take a new action right now.");
  // Rebalancing recommendations send stock away from the case site: offer it as a source when one does.
  const formSources =
    recommendations.some((r) => r.payload?.fromLocationId === c.site.id) && !sources.some((s) => s.id === c.site.id)
      ? [...sources, { id: c.site.id, code: c.site.code, name: `${c.site.name} (this case's site)`, available: null }]
      : sources;
  const pendingQty = pending && typeof (pending.payload as { quantity?: unknown } | null)?.quantity === "number" ? (pending.payload as { quantity: number }).quantity : null;

  return (
    <div className="space-y-4">
      <CaseHeader
        now={now}
        c={{
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
          assigneeName: c.assignee?.name ?? null,
          openedAt: c.openedAt,
          slaDueAt: c.slaDueAt,
          dataAsOf: c.dataAsOf,
          confidence: c.confidence,
          resolvedAt: c.resolvedAt,
          resolutionReason: c.resolutionReason,
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
          <RecommendedActions recommendations={recommendations} canPropose={mayPropose && closedReason === null} closedReason={mayPropose ? closedReason : null} />
          <ScoreBreakdown explained={explained} score={c.score} />
          <CausalChain links={c.exceptions} />
          <Suspense fallback={<Card title="Evidence"><Skeleton className="h-64 w-full" /><span className="sr-only">Loading evidence…</span></Card>}>
            <Evidence viewer={viewer} caseId={c.id} now={now} />
          </Suspense>
          <CaseTimeline events={c.events} now={now} />
        </div>
        <aside className="min-w-0 space-y-4" aria-label="Actions and decisions">
          {pending && mayApprove && (
            <Card title="Decision needed" id="decision">
              <DecisionPanel
                isRequester={pending.requestedBy.id === viewer.id}
                action={{
                  id: pending.id,
                  type: pending.type,
                  quantity: pendingQty,
                  valueUsd: pending.valueUsd,
                  note: pending.note,
                  requestedByName: pending.requestedBy.name,
                }}
              />
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
          <Card title={`Actions (${c.actions.length})`} id="actions">
            <ActionList actions={c.actions} locationCodes={locationCodes} />
          </Card>
          {mayComment && (
            <Card title="Comment" id="comment">
              <CommentForm caseId={c.id} />
            </Card>
          )}
        </aside>
      </div>
      </ProposeDraftProvider>
    </div>
  );
}
