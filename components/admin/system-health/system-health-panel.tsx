"use client";
import { useQuery } from "@tanstack/react-query";
import type { SystemHealth } from "@/lib/server/dal/system-health";
import { Card, Notice, Skeleton } from "@/components/ui/card";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/utils/format";
import { HealthOverview, WorkerLiveness } from "./health-overview";
import { EventLatencyCard, QueueBacklogTable } from "./queue-and-latency";
import { SlaBreachesTable, SourceFreshnessTable, SyncErrorsTable } from "./feeds-and-sla";

export const SYSTEM_HEALTH_REFRESH_MS = 15_000;

async function fetchSystemHealth(): Promise<SystemHealth> {
  const response = await fetch("/api/admin/system-health", { cache: "no-store" });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(body?.error ?? `The server answered ${response.status}.`);
  }
  return response.json();
}

/** Polls the system-health endpoint; keeps the last good figures on screen (and says so) when a refresh fails. */
export function SystemHealthPanel() {
  const query = useQuery({ queryKey: ["system-health"], queryFn: fetchSystemHealth, refetchInterval: SYSTEM_HEALTH_REFRESH_MS, retry: 1 });
  if (query.isPending) return <LoadingState />;
  if (query.isError && !query.data) {
    return (
      <Notice>
        System health could not be loaded: {query.error.message}{" "}
        <Button variant="secondary" onClick={() => query.refetch()} className="ml-2">
          Try again
        </Button>
      </Notice>
    );
  }
  const data = query.data!;
  return (
    <div className="space-y-4" data-testid="system-health" data-status={data.health.status}>
      {query.isError && (
        <Notice>
          Could not refresh ({query.error?.message}); showing figures from {formatDateTime(data.health.time)}.
        </Notice>
      )}
      <p className="text-xs text-slate-500" aria-live="polite">
        As of {new Date(data.health.time).toISOString().slice(11, 19)} UTC · version {data.health.version}
        {query.isFetching ? " · refreshing…" : ""}
      </p>
      <HealthOverview health={data.health} />
      <div className="grid gap-4 xl:grid-cols-2">
        <QueueBacklogTable jobQueue={data.health.checks.jobQueue} />
        <div className="space-y-4">
          <WorkerLiveness jobQueue={data.health.checks.jobQueue} now={data.health.time} />
          <EventLatencyCard latency={data.eventLatency} />
        </div>
        <SlaBreachesTable breaches={data.slaBreaches} />
        <SyncErrorsTable syncErrors={data.syncErrors} />
        <SourceFreshnessTable sources={data.health.checks.sources} />
      </div>
    </div>
  );
}

function LoadingState() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading system health">
      <Skeleton className="h-20 w-full" />
      <div className="grid gap-4 xl:grid-cols-2">
        {[0, 1, 2, 3].map((i) => (
          <Card key={i}>
            <Skeleton className="mb-2 h-4 w-1/3" />
            <Skeleton className="h-24 w-full" />
          </Card>
        ))}
      </div>
    </div>
  );
}
