"use client";
import { useQuery } from "@tanstack/react-query";
import { parseCasesQueryUrl, type CasesQuery } from "@/lib/search-params/cases-url";
import { fetchQueuePage, queueKey } from "@/components/case-queue/use-live-queue";

export type EmptyReason =
  | { kind: "checking" }
  | { kind: "past-end" }
  | { kind: "no-cases" }
  | { kind: "all-snoozed"; snoozed: number }
  | { kind: "filtered" }
  | { kind: "unknown" };

/**
 * Why the queue is empty, so the empty state can say it: nothing unresolved in the viewer's sites at all, every
 * match snoozed, or the filters exclude everything. Two small count requests, only while the queue is empty.
 */
export function useEmptyReason(query: CasesQuery, total: number, enabled: boolean): EmptyReason {
  const snoozedQuery: CasesQuery = { ...query, snoozed: "only", page: 1, pageSize: 10 };
  const baseQuery: CasesQuery = { ...parseCasesQueryUrl({}), snoozed: "include", pageSize: 10 };
  const askSnoozed = enabled && query.snoozed === "hide";
  const snoozed = useQuery({ queryKey: ["cases-empty", queueKey(snoozedQuery)], queryFn: () => fetchQueuePage(snoozedQuery), enabled: askSnoozed });
  const base = useQuery({ queryKey: ["cases-empty", queueKey(baseQuery)], queryFn: () => fetchQueuePage(baseQuery), enabled });

  if (total > 0) return { kind: "past-end" };
  if (base.data?.total === 0) return { kind: "no-cases" };
  if (askSnoozed && snoozed.data && snoozed.data.total > 0) return { kind: "all-snoozed", snoozed: snoozed.data.total };
  if (base.isPending || (askSnoozed && snoozed.isPending)) return base.isError || snoozed.isError ? { kind: "unknown" } : { kind: "checking" };
  if (base.isError || snoozed.isError) return { kind: "unknown" };
  return { kind: "filtered" };
}
