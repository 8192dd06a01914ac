import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { KPI_DEFINITIONS } from "@/lib/domain/kpi/definitions";
import { DEFAULT_OTIF_TOLERANCE, IRA_TOLERANCE } from "@/lib/domain/kpi/supply";
import { Notice, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "KPI definitions" };

/** Every KPI on the dashboard with its formula, date basis and tolerances (domain.md section (e)). */
export default async function KpiDefinitionsPage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "kpi.read")) return <Notice>Your role cannot read KPIs.</Notice>;
  const t = DEFAULT_OTIF_TOLERANCE;
  return (
    <div className="max-w-4xl space-y-4">
      <PageHeader
        title="KPI definitions"
        description="How each number on the dashboard is computed from recorded events. Periods are UTC days; a period [from, to] includes both days."
        actions={
          <Link href="/kpi" className="text-sm text-brand-700 underline-offset-2 hover:underline">
            Back to the dashboard
          </Link>
        }
      />
      <p className="text-sm text-slate-700">
        Tolerances: OTIF window {t.earlyDays} days early to {t.lateDays} day late, quantity ±{t.qtyPct} %; inventory record accuracy A ±{IRA_TOLERANCE.A * 100} %, B ±{IRA_TOLERANCE.B * 100} %, C ±{IRA_TOLERANCE.C * 100} %.
        Period figures come from snapshot views refreshed every 15 minutes; the “Live now” tiles are read on each visit.
      </p>
      <dl className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" data-testid="kpi-definitions">
        {KPI_DEFINITIONS.map((k) => (
          <div key={k.id} id={k.id} className="scroll-mt-4 p-4">
            <dt className="text-sm font-semibold text-slate-900">
              {k.label} <span className="font-normal text-slate-500">· {k.unit} · {k.better === "up" ? "higher is better" : "lower is better"}</span>
            </dt>
            <dd className="mt-1 space-y-1 text-sm text-slate-700">
              <p>
                <span className="font-medium">Formula:</span> <code className="text-[13px]">{k.formula}</code>
              </p>
              {k.dateBasis && (
                <p>
                  <span className="font-medium">Date basis:</span> {k.dateBasis}
                </p>
              )}
              {k.notes && <p className="text-slate-600">{k.notes}</p>}
            </dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
