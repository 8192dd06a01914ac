import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findPreviewCases, getDetectionSettingsOptions, getScoringSettings, listRoutingRules } from "@/lib/server/dal/detection-settings";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { TRIAGE_TEAM } from "@/lib/domain/case/route-case";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { ScoringParamsForm } from "@/components/detection-settings/scoring-params-form";
import { VersionHistory } from "@/components/detection-settings/version-history";
import { RoutingRulesEditor } from "@/components/detection-settings/routing-rules-editor";
import { RoutingPreview } from "@/components/detection-settings/routing-preview";

export const metadata: Metadata = { title: "Detection & routing" };

/** Admins tune detection thresholds, scoring weights and SLAs (versioned), and the rules that route new cases. */
export default async function DetectionSettingsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can change detection and routing settings.</Notice>;
  const [scoring, rules, options, cases] = await Promise.all([getScoringSettings(viewer), listRoutingRules(viewer), getDetectionSettingsOptions(viewer), findPreviewCases(viewer)]);
  return (
    <div className="space-y-4">
      <PageHeader
        title="Detection & routing"
        description="Thresholds, scoring weights and SLAs that detection uses, and the rules that send new cases to teams."
        actions={
          <Link href="/admin" className="text-sm text-brand-700 underline underline-offset-2">
            Back to settings
          </Link>
        }
      />
      <Card title={scoring.currentVersion ? `Thresholds and weights (version ${scoring.currentVersion} in use)` : "Thresholds and weights (defaults)"} id="thresholds">
        {!scoring.currentValid && (
          <div className="mb-3">
            <Notice>The newest stored version does not pass validation, so the form starts from the defaults. Saving replaces it with a valid version.</Notice>
          </div>
        )}
        <ScoringParamsForm current={scoring.current} baseVersion={scoring.currentVersion} thresholdKeys={options.thresholdKeys} locations={options.locations} />
      </Card>
      <Card title="Version history" id="versions">
        <VersionHistory history={scoring.history} currentVersion={scoring.currentVersion} locations={options.locations} />
      </Card>
      <Card title="Routing rules" id="routing">
        <p className="mb-3 text-sm text-slate-600">
          Rules apply to new cases when detection creates them; existing cases keep their team. Rules are tried in order and the first enabled rule whose
          conditions all match wins. A case no rule matches goes to <span className="font-mono">{TRIAGE_TEAM}</span>.
        </p>
        <RoutingRulesEditor rules={rules} options={options} />
      </Card>
      <Card title="Which rule would route this?" id="preview">
        <RoutingPreview
          rules={rules}
          users={options.users}
          cases={cases.map((c) => ({ id: c.id, number: c.number, title: c.title, primaryType: c.primaryType, siteId: c.siteId, supplierId: c.supplierId, score: c.score, team: c.team, siteCode: c.site.code }))}
        />
      </Card>
    </div>
  );
}
