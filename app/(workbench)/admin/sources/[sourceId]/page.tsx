import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getViewer, type Viewer } from "@/lib/server/auth/viewer";
import { findPayloads, findQuarantine, findRuns, getDataSource } from "@/lib/server/dal/data-sources";
import { AppError } from "@/lib/server/errors";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { CANONICAL_ENTITIES } from "@/lib/domain/canonical/records";
import { Card, Notice, PageHeader } from "@/components/ui/card";
import { FreshnessBadge, SourceHealthBadge } from "@/components/sources/source-badges";
import { RunSyncButton } from "@/components/sources/run-sync-button";
import { SourceSettingsForm } from "@/components/sources/source-settings-form";
import { SecretsForm } from "@/components/sources/secrets-form";
import { PushEndpoint } from "@/components/sources/push-endpoint";
import { RunsTable } from "@/components/sources/runs-table";
import { QuarantineTable } from "@/components/sources/quarantine-table";
import { PayloadsTable } from "@/components/sources/payloads-table";
import { FileImport } from "@/components/sources/file-import";
import { toRunView } from "@/components/sources/types";
import { formatDateTime } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Data source" };

const QUARANTINE_PAGE_SIZE = 50;

async function loadSource(viewer: Viewer, sourceId: string) {
  try {
    return await getDataSource(viewer, sourceId);
  } catch (e) {
    if (e instanceof AppError && e.code === "NOT_FOUND") notFound();
    throw e;
  }
}

/** ?qPage=3 → 3; anything else → 1. */
function pageNumber(raw: string | string[] | undefined): number {
  const n = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isInteger(n) && n >= 1 && n <= 100_000 ? n : 1;
}

/** One data source: freshness and sync, settings, secrets, runs with live progress, quarantine, raw payloads. */
export default async function DataSourcePage({ params, searchParams }: { params: Promise<{ sourceId: string }>; searchParams: Promise<{ qPage?: string | string[] }> }) {
  const [{ sourceId }, query] = await Promise.all([params, searchParams]);
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "admin.manage")) return <Notice>Only admins can manage data sources.</Notice>;
  const source = await loadSource(viewer, sourceId);
  const qPage = pageNumber(query.qPage);
  const [runs, quarantine, payloads] = await Promise.all([
    findRuns(viewer, sourceId),
    findQuarantine(viewer, sourceId, { take: QUARANTINE_PAGE_SIZE, skip: (qPage - 1) * QUARANTINE_PAGE_SIZE }),
    findPayloads(viewer, sourceId),
  ]);
  const pages = Math.max(1, Math.ceil(quarantine.total / QUARANTINE_PAGE_SIZE));
  const pulls = source.modes.includes("pull");
  const pushes = source.modes.includes("push");
  const uploads = source.modes.includes("upload");

  return (
    <div className="space-y-4">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/admin/sources" className="text-brand-700 underline underline-offset-2">
          Data sources
        </Link>
        <span aria-hidden className="px-1 text-slate-400">
          /
        </span>
        <span aria-current="page" className="text-slate-600">
          {source.code}
        </span>
      </nav>
      <PageHeader
        title={source.name}
        description={
          <>
            <span className="font-mono">{source.code}</span> · {source.adapterLabel} · {source.modes.join(", ")} · {source.enabled ? "enabled" : "disabled"}
          </>
        }
        actions={
          <div className="flex flex-wrap items-center gap-3">
            <FreshnessBadge freshness={source.freshness} slaMinutes={source.slaMinutes} />
            <SourceHealthBadge consecutiveFailures={source.consecutiveFailures} unhealthySince={source.unhealthySince} />
            {pulls && <RunSyncButton sourceId={source.id} sourceName={source.name} disabledReason={source.enabled ? null : "Enable the source to sync it."} />}
          </div>
        }
      />
      {source.lastError && (
        <Notice>
          Last error{source.lastAttemptAt ? ` (${formatDateTime(source.lastAttemptAt)})` : ""}: {source.lastError}
        </Notice>
      )}
      {pushes && (
        <Card title="Push endpoint" id="push">
          <PushEndpoint code={source.code} secretSet={source.secretsSet.includes("signingSecret")} />
        </Card>
      )}
      <div className="grid gap-4 xl:grid-cols-2">
        <Card title="Settings" id="settings">
          <SourceSettingsForm source={{ id: source.id, name: source.name, slaMinutes: source.slaMinutes, enabled: source.enabled, config: source.config }} />
        </Card>
        <Card title="Secrets" id="secrets">
          <SecretsForm sourceId={source.id} secretNames={[...source.secretNames]} secretsSet={source.secretsSet} />
        </Card>
      </div>
      {uploads && (
        <Card title="Import a file" id="import">
          <FileImport sourceId={source.id} sourceKind={source.kind} />
        </Card>
      )}
      <Card title="Runs" id="runs">
        <RunsTable runs={runs.map(toRunView)} />
      </Card>
      <Card title={`Quarantine (${quarantine.total} open)`} id="quarantine">
        <QuarantineTable
          entities={CANONICAL_ENTITIES}
          rows={quarantine.rows.map((q) => ({
            id: q.id,
            entity: q.entity,
            position: q.position,
            field: q.field,
            message: q.message,
            record: q.record,
            createdAt: q.createdAt,
            replayError: q.replayError,
            fileName: q.payload?.fileName ?? null,
          }))}
        />
        {pages > 1 && (
          <nav aria-label="Quarantine pages" className="mt-3 flex items-center justify-between text-sm">
            {qPage > 1 ? (
              <Link href={`?qPage=${qPage - 1}#quarantine`} className="text-brand-700 underline underline-offset-2">
                Previous page
              </Link>
            ) : (
              <span />
            )}
            <span className="text-slate-600">
              Page {Math.min(qPage, pages)} of {pages}
            </span>
            {qPage < pages ? (
              <Link href={`?qPage=${qPage + 1}#quarantine`} className="text-brand-700 underline underline-offset-2">
                Next page
              </Link>
            ) : (
              <span />
            )}
          </nav>
        )}
      </Card>
      <Card title="Payloads" id="payloads">
        <PayloadsTable payloads={payloads} />
      </Card>
    </div>
  );
}
