import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { getRuleTuning } from "@/lib/server/dal/rule-tuning";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { RunDetectionButton } from "@/components/admin/run-detection-button";
import { ProposalCard } from "@/components/rule-tuning/proposal-card";
import { RuleOutcomesTable } from "@/components/rule-tuning/rule-outcomes-table";
import { DecidedProposals } from "@/components/rule-tuning/decided-proposals";
import { RecomputeButton } from "@/components/rule-tuning/recompute-button";
import { formatDate, formatDateTime, formatPercent } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Rule tuning" };

/** The learning loop: how each rule's cases ended, and threshold changes proposed from it for an admin to accept or dismiss. */
export default async function RuleTuningPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can tune detection rules.</Notice>;
  const sp = await searchParams;
  const accepted = typeof sp.accepted === "string" && /^\d+$/.test(sp.accepted) ? Number(sp.accepted) : null;
  const dismissed = typeof sp.dismissed === "string";
  const t = await getRuleTuning(viewer);
  const cfg = t.learning;
  return (
    <div className="space-y-4">
      <PageHeader
        title="Rule tuning"
        description="How each rule's cases ended, and the threshold changes the history supports. Nothing changes until an admin accepts a proposal."
        actions={
          <Link href="/admin/detection" className="text-sm text-brand-700 underline underline-offset-2">
            Detection &amp; routing
          </Link>
        }
      />
      {accepted !== null && (
        <div className="space-y-2" data-testid="decision-notice">
          <Notice tone="success">Accepted: scoring version {accepted} is in use. The new threshold applies at the next detection run.</Notice>
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <Link href="/admin/detection#versions" className="text-brand-700 underline underline-offset-2">
              See version {accepted} in Detection &amp; routing
            </Link>
            <RunDetectionButton />
          </div>
        </div>
      )}
      {dismissed && (
        <div data-testid="decision-notice">
          <Notice tone="success">Proposal dismissed. The same change will not be proposed again.</Notice>
        </div>
      )}
      <Card title={`Open proposals (${t.open.length})`} id="proposals" actions={<RecomputeButton />}>
        <p className="mb-3 text-sm text-slate-600">
          A rule is looked at when at least {cfg.minJudgedCases} of its cases resolved in the last {cfg.lookbackDays} days were judged and {formatPercent(cfg.minDismissalRate)} or
          more of them were dismissed as not an issue. A proposal may suppress at most {formatPercent(cfg.maxActedOnLossRate)} of the rule&apos;s acted-on cases and must suppress
          at least {cfg.minDismissedSuppressed} dismissed ones. Proposals are recomputed every night{t.lastComputedAt ? `; last computed ${formatDateTime(t.lastComputedAt)}` : ""}. These
          limits are part of the scoring configuration (version {t.configVersion}).
        </p>
        {t.open.length === 0 ? (
          <p className="text-sm text-slate-600" data-testid="no-proposals">
            No open proposal. The table below shows where each rule stands.
          </p>
        ) : (
          <div className="space-y-4">
            {t.open.map((p) => (
              <ProposalCard key={p.id} p={p} />
            ))}
          </div>
        )}
      </Card>
      <Card title={`Outcomes per rule since ${formatDate(t.since)}`} id="outcomes">
        <p className="mb-3 text-sm text-slate-600">
          Judged = dismissed as not an issue + closed without action (source data error, other) + acted on (an action approved, or fixed). Cases that cleared on their own
          were not judged by anyone and stay out of the rates; duplicates are left out.
        </p>
        <RuleOutcomesTable rules={t.rules} openRules={new Set(t.open.map((p) => p.ruleType))} />
      </Card>
      <Card title="Decided proposals" id="decided">
        <DecidedProposals proposals={t.decided} />
      </Card>
    </div>
  );
}
