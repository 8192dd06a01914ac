"use client";
import { useCallback, useEffect, useRef, useState } from "react";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { casesQueryToSearchParams, type CasesQuery } from "@/lib/search-params/cases-url";
import type { QueuePage } from "@/components/case-queue/queue-types";
import { newOrUpdatedCount, rowsWouldMove } from "@/components/case-queue/queue-diff";

/** Poll interval: fresh enough for a triage desk, cheap for the database. */
export const QUEUE_POLL_MS = 15_000;

/** A page of rows, its query key, and when it was fetched (relative times are computed against that instant). */
type Snapshot = { key: string; page: QueuePage; at: number };

export const queueKey = (query: CasesQuery) => casesQueryToSearchParams(query).toString();

export async function fetchQueuePage(query: CasesQuery): Promise<QueuePage> {
  const res = await fetch(`/api/cases?${casesQueryToSearchParams(query)}`, { cache: "no-store" });
  if (!res.ok) throw new Error(res.status === 401 ? "Your session ended; sign in again." : `The queue request failed (${res.status}).`);
  return res.json();
}

/**
 * The rows on screen and the latest rows from the server, kept apart: a background poll never swaps rows under the
 * reader. When the latest page would move rows, `pending` says how many cases are new or rescored and `showPending`
 * applies them. Changes the reader makes (a new query, `refreshNow` after a bulk action) apply at once.
 */
export function useLiveQueue(query: CasesQuery, initialQuery: CasesQuery, initialPage: QueuePage, renderedAt: number) {
  const key = queueKey(query);
  const initialKey = queueKey(initialQuery);
  const { data, error, isFetching, isPlaceholderData, refetch } = useQuery({
    queryKey: ["cases", key],
    queryFn: async (): Promise<Snapshot> => ({ key, page: await fetchQueuePage(query), at: Date.now() }),
    initialData: key === initialKey ? { key, page: initialPage, at: renderedAt } : undefined,
    placeholderData: keepPreviousData,
    refetchInterval: QUEUE_POLL_MS,
  });
  const [shown, setShown] = useState<Snapshot>({ key: initialKey, page: initialPage, at: renderedAt });
  // The key whose first fetch after the reader chose it has completed; later fetches of it are background polls.
  const settledKey = useRef(initialKey);

  useEffect(() => {
    if (!data || isPlaceholderData || data === shown) return;
    const chosenJustNow = settledKey.current !== data.key;
    if (chosenJustNow && !isFetching) settledKey.current = data.key;
    // In-place changes (an assignee, a status) do not move rows, so they apply silently.
    if (chosenJustNow || !rowsWouldMove(shown.page, data.page)) setShown(data);
  }, [data, isPlaceholderData, isFetching, shown]);

  const pending = data && !isPlaceholderData && data !== shown && data.key === shown.key && rowsWouldMove(shown.page, data.page) ? newOrUpdatedCount(shown.page, data.page) : null;

  const showPending = useCallback(() => {
    if (data) setShown(data);
  }, [data]);

  /** Refetch now and show the result whatever it is (after the reader changed cases). */
  const refreshNow = useCallback(async () => {
    const result = await refetch();
    if (result.data) setShown(result.data);
  }, [refetch]);

  return {
    page: shown.page,
    /** When the rows on screen were fetched: the "now" of their relative times (the same on server and client). */
    fetchedAt: shown.at,
    /** The rows on screen belong to an earlier query (the new one is loading or failed). */
    outdated: shown.key !== key,
    pending,
    showPending,
    refreshNow,
    error: error as Error | null,
    isFetching,
  };
}
