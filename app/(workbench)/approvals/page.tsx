import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/server/auth/viewer";
import { findApprovalInbox, findMyRequests } from "@/lib/server/dal/case-actions";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { ApprovalInbox } from "@/components/approvals/approval-inbox";
import { MyRequests } from "@/components/approvals/my-requests";
import { toInboxRows } from "@/components/approvals/inbox-rows";
import { RANKING_EXPLANATION } from "@/lib/domain/approval/inbox-rank";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { formatUsd } from "@/lib/utils/format";
import { requestLog } from "@/lib/server/request-log";
import { errorFields } from "@/lib/server/log";

export const metadata: Metadata = { title: "Approvals" };

const REFUSED = "Only supervisors, finance and admins decide actions.";

type Inbox = Awaited<ReturnType<typeof findApprovalInbox>>;

async function InboxSection({ viewer, now }: { viewer: Viewer; now: Date }) {
  let inbox: Inbox;
  try {
    inbox = await findApprovalInbox(viewer, now);
  } catch (e) {
    (await requestLog()).error(errorFields(e), "approvals inbox: load failed");
    return <Notice>The approvals inbox could not be loaded. Nothing was changed; reload the page to try again.</Notice>;
  }
  const rows = toInboxRows(inbox.rows, now);
  const limitText = inbox.limit === null ? "Your final-approval limit: none." : `Your final-approval limit: ${formatUsd(inbox.limit)}.`;
  return (
    <section aria-labelledby="inbox-title" className="space-y-3">
      <div>
        <h2 id="inbox-title" className="text-base font-semibold text-slate-900">
          Waiting for you ({rows.length})
        </h2>
        <p className="text-sm text-slate-600" data-testid="ranking-explanation">
          Requests whose current level your role decides{viewer.allSites ? "" : ", in your sites"}. {RANKING_EXPLANATION} You never decide your own or edited requests, nor two levels of one request.
        </p>
      </div>
      {!inbox.policyValid && <Notice>The approval policy in force is not valid, so nothing can be approved until an admin saves a corrected version.</Notice>}
      {rows.length === 0 ? (
        <p className="rounded-lg border border-slate-200 bg-white p-6 text-center text-sm text-slate-600" data-testid="approvals-empty">
          Nothing is waiting for your decision{viewer.allSites ? "" : " in your sites"}.
        </p>
      ) : (
        <ApprovalInbox rows={rows} limitText={limitText} />
      )}
    </section>
  );
}

async function MyRequestsSection({ viewer, now }: { viewer: Viewer; now: Date }) {
  try {
    const rows = await findMyRequests(viewer);
    return (
      <Card title={`My requests (${rows.length})`} id="my-requests">
        <MyRequests rows={rows} now={now} />
      </Card>
    );
  } catch (e) {
    (await requestLog()).error(errorFields(e), "my requests: load failed");
    return (
      <Card title="My requests" id="my-requests">
        <Notice>Your requests could not be loaded. Reload the page to try again.</Notice>
      </Card>
    );
  }
}

/** Approvals: the inbox of requests the viewer decides, and the viewer's own requests. */
export default async function ApprovalsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  const mayApprove = hasPermission(viewer.role, "actions.approve");
  const mayPropose = hasPermission(viewer.role, "cases.propose");
  if (!mayApprove && !mayPropose) return <Notice>{REFUSED}</Notice>;
  const now = new Date();
  return (
    <div className="space-y-6">
      <PageHeader title="Approvals" description={mayApprove ? "Decide requests at your approval level; follow your own requests below." : "Follow the actions you proposed."} />
      {mayApprove ? <InboxSection viewer={viewer} now={now} /> : <Notice tone="info">{REFUSED} Your own requests are listed below.</Notice>}
      {mayPropose && <MyRequestsSection viewer={viewer} now={now} />}
    </div>
  );
}
