import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { getApprovalPolicySettings } from "@/lib/server/dal/approval-policy";
import { findViewerSites } from "@/lib/server/dal/cases";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { PolicyEditor } from "@/components/approvals/policy-editor";
import { PolicyHistory } from "@/components/approvals/policy-history";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { requestLog } from "@/lib/server/request-log";
import { errorFields } from "@/lib/server/log";

export const metadata: Metadata = { title: "Approval policy" };

/** Admin: the versioned approval policy — edit it as a form, save with a note, see every version's changes. */
export default async function ApprovalPolicyPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can change the approval policy.</Notice>;
  let settings: Awaited<ReturnType<typeof getApprovalPolicySettings>>;
  let sites: { code: string; name: string }[];
  try {
    [settings, sites] = await Promise.all([getApprovalPolicySettings(viewer), findViewerSites(viewer)]);
  } catch (e) {
    (await requestLog()).error(errorFields(e), "approval policy page: load failed");
    return <Notice>The approval policy could not be loaded. Nothing was changed; reload the page to try again.</Notice>;
  }
  return (
    <div className="space-y-4">
      <PageHeader
        title="Approval policy"
        description={`Which approvals an action needs, who may give them and up to what value. Version ${settings.currentVersion ?? 1} is in force; saving creates a new version, and every decision records the version it used.`}
      />
      {!settings.currentValid && <Notice>The newest stored version is not valid, so approvals are stopped. The form below starts from the newest valid version; save it to restore approvals.</Notice>}
      <PolicyEditor key={settings.currentVersion ?? 0} initial={settings.current} baseVersion={settings.currentVersion} sites={sites} />
      <Card title="Version history" id="policy-history">
        <PolicyHistory history={settings.history} currentVersion={settings.currentVersion} />
      </Card>
    </div>
  );
}
