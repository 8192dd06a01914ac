"use client";
import { useEffect, useMemo, useRef, useState } from "react";
import { useRouter } from "next/navigation";
import dynamic from "next/dynamic";
import { useTable, type PaginationState, type RowSelectionState, type SortingState, type Updater } from "@tanstack/react-table";
import { casesQueryToSearchParams, type CasesQuery, type PAGE_SIZES } from "@/lib/search-params/cases-url";
import { colsParam, defaultFilters, visibleColumns } from "@/lib/search-params/queue-layout";
import type { SavedViewSummary } from "@/lib/server/dal/saved-views";
import { acknowledgeCasesAction, assignCasesAction, setCaseStatusAction, snoozeCasesAction, unsnoozeCasesAction } from "@/lib/actions/case-triage-actions";
import type { ActionResult } from "@/lib/actions/action-result";
import type { TriageResult } from "@/lib/server/dal/case-triage";
import type { QueueFacets, QueuePage, QueueViewer } from "@/components/case-queue/queue-types";
import { caseQueueColumns, caseQueueFeatures } from "@/components/case-queue/case-queue-columns";
import { SORT_KEY_OF_COLUMN, columnOfSortKey } from "@/components/case-queue/column-labels";
import { useQueueQuery } from "@/components/case-queue/use-queue-query";
import { useLiveQueue } from "@/components/case-queue/use-live-queue";
import { useRowFocus } from "@/components/case-queue/use-row-focus";
import { useQueueKeyboard } from "@/components/case-queue/use-queue-keyboard";
import { useTriage } from "@/components/case-queue/use-triage";
import { filterChips } from "@/components/case-queue/filter-chips-model";
import { CaseQueueToolbar } from "@/components/case-queue/case-queue-toolbar";
import { FilterChips } from "@/components/case-queue/filter-chips";
import { SavedViewsMenu } from "@/components/case-queue/saved-views-menu";
import { ColumnMenu } from "@/components/case-queue/column-menu";
import { DensityToggle } from "@/components/case-queue/density-toggle";
import { CopyLinkButton } from "@/components/case-queue/copy-link-button";
import { QueueUpdatesBanner } from "@/components/case-queue/queue-updates-banner";
import { BulkActionsBar, type BulkHandlers } from "@/components/case-queue/bulk-actions-bar";
import { TriageOutcomeNotice } from "@/components/case-queue/triage-outcome-notice";
import { CaseQueueGrid } from "@/components/case-queue/case-queue-grid";
import { CaseQueueEmpty } from "@/components/case-queue/case-queue-empty";
import { CaseQueuePagination } from "@/components/case-queue/case-queue-pagination";
import { Notice } from "@/components/ui/card";

// Dialogs open only on a keypress or a bulk action: loaded then, not on the queue's first load.
const SnoozeDialog = dynamic(() => import("@/components/case-queue/snooze-dialog").then((m) => m.SnoozeDialog));
const StatusDialog = dynamic(() => import("@/components/case-queue/status-dialog").then((m) => m.StatusDialog));
const ShortcutsHelpDialog = dynamic(() => import("@/components/case-queue/shortcuts-help-dialog").then((m) => m.ShortcutsHelpDialog));

const apply = <T,>(updater: Updater<T>, old: T): T => (typeof updater === "function" ? (updater as (o: T) => T)(old) : updater);
const plural = (n: number) => `${n} case${n === 1 ? "" : "s"}`;

type Dialog = { kind: "snooze" | "RESOLVED" | "OPEN"; ids: string[] } | { kind: "help" } | null;

/**
 * The planner's ranked queue. State lives in the URL (shareable, including the layout); PostgreSQL sorts, filters
 * and pages. Background polls never move rows under the reader; the reader's own changes apply at once.
 */
export function CaseQueueTable({
  initialQuery,
  initialPage,
  renderedAt,
  facets,
  savedViews,
  viewer,
}: {
  initialQuery: CasesQuery;
  initialPage: QueuePage;
  /** When the server loaded initialPage (epoch ms). */
  renderedAt: number;
  facets: QueueFacets;
  savedViews: SavedViewSummary[];
  viewer: QueueViewer;
}) {
  const router = useRouter();
  const { query, setQuery } = useQueueQuery();
  const live = useLiveQueue(query, initialQuery, initialPage, renderedAt);
  const page = live.page;
  const rows = page.rows;
  const rowIds = useMemo(() => rows.map((r) => r.id), [rows]);
  const focus = useRowFocus(rowIds);
  const triage = useTriage(live.refreshNow);
  const [dialog, setDialog] = useState<Dialog>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  // Marks the queue as interactive (hydrated, shortcuts listening): browser tests wait for it before acting.
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  // Selection is per page: only rows on screen count, so an action never touches a case the reader cannot see.
  const [selection, setSelection] = useState<RowSelectionState>({});
  const rowSelection = useMemo(() => Object.fromEntries(rowIds.filter((id) => selection[id]).map((id) => [id, true as const])), [rowIds, selection]);
  const selectedIds = Object.keys(rowSelection);

  const visible = visibleColumns(query.cols);
  const now = useMemo(() => new Date(live.fetchedAt), [live.fetchedAt]);
  const columns = useMemo(() => caseQueueColumns(now, visible, viewer.canTriage), [now, visible.join(","), viewer.canTriage]); // eslint-disable-line react-hooks/exhaustive-deps
  const sorting: SortingState = [{ id: columnOfSortKey(query.sort), desc: query.dir === "desc" }];
  const pagination: PaginationState = { pageIndex: query.page - 1, pageSize: query.pageSize };

  const table = useTable({
    features: caseQueueFeatures,
    columns,
    data: rows,
    getRowId: (row) => row.id,
    manualSorting: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    rowCount: page.total,
    state: { sorting, pagination, rowSelection },
    onSortingChange: (u) => {
      const s = apply(u, sorting)[0];
      const key = s && SORT_KEY_OF_COLUMN[s.id as keyof typeof SORT_KEY_OF_COLUMN];
      if (s && key) setQuery({ sort: key, dir: s.desc ? "desc" : "asc" });
    },
    onPaginationChange: () => {},
    onRowSelectionChange: (u) => setSelection(apply(u, rowSelection)),
  });

  const labelOf = (caseId: string) => {
    const row = rows.find((r) => r.id === caseId);
    return row ? `#${row.number} ${row.title}` : "A case no longer on this page";
  };
  const nameOf = (id: string | null) => (id === null ? "nobody" : id === viewer.id ? "you" : (facets.assignees.find((u) => u.id === id)?.name ?? "the chosen person"));
  // Cases a call changed leave the selection; skipped ones stay selected so the reader can act on them again.
  const unselect = (ids: string[]) => setSelection((old) => Object.fromEntries(Object.entries(old).filter(([id]) => !ids.includes(id))));
  const clearing = async (ids: string[], call: Promise<ActionResult<TriageResult>>) => {
    const result = await call;
    if (result.ok) unselect(ids.filter((id) => !result.data.skipped.some((s) => s.caseId === id)));
    return result;
  };

  const assign = (ids: string[], assigneeId: string | null) => triage.run((n) => `Assigned ${plural(n)} to ${nameOf(assigneeId)}.`, () => clearing(ids, assignCasesAction({ caseIds: ids, assigneeId })));
  const bulk: BulkHandlers = {
    assign: (assigneeId) => void assign(selectedIds, assigneeId),
    acknowledge: () => void triage.run((n) => `Acknowledged ${plural(n)}.`, () => clearing(selectedIds, acknowledgeCasesAction({ caseIds: selectedIds }))),
    wake: () => void triage.run((n) => `Woke ${plural(n)}.`, () => clearing(selectedIds, unsnoozeCasesAction({ caseIds: selectedIds }))),
    snooze: () => setDialog({ kind: "snooze", ids: selectedIds }),
    resolve: () => setDialog({ kind: "RESOLVED", ids: selectedIds }),
    reopen: () => setDialog({ kind: "OPEN", ids: selectedIds }),
  };
  const focused = focus.focusedId;
  const toggleFocused = () => {
    if (!focused) return;
    setSelection((old) => {
      const { [focused]: was, ...rest } = old;
      return was ? rest : { ...old, [focused]: true };
    });
  };

  useQueueKeyboard({
    next: () => focus.move(1),
    previous: () => focus.move(-1),
    open: () => focused && router.push(`/cases/${focused}`),
    toggleSelect: () => viewer.canTriage && toggleFocused(),
    assignToMe: () => viewer.canTriage && focused && void assign([focused], viewer.id),
    snooze: () => viewer.canTriage && focused && setDialog({ kind: "snooze", ids: [focused] }),
    focusSearch: () => searchRef.current?.focus(),
    help: () => setDialog({ kind: "help" }),
  });

  const chips = filterChips(query, facets);
  const clearAll = () => setQuery(defaultFilters());
  const totalText = `${page.total}${page.totalCapped ? "+" : ""}`;
  const showEmpty = rows.length === 0 && !live.error && !live.outdated;
  // Only a load the reader asked for is announced; background polls stay silent.
  const loading = live.outdated && live.isFetching;

  return (
    <div className="space-y-3" data-testid="case-queue" data-ready={ready ? "true" : undefined}>
      <CaseQueueToolbar
        query={query}
        facets={facets}
        onChange={setQuery}
        busy={loading}
        searchRef={searchRef}
        end={
          <>
            <SavedViewsMenu views={savedViews} currentQuery={casesQueryToSearchParams({ ...query, page: 1 }).toString()} />
            <ColumnMenu visible={visible} canTriage={viewer.canTriage} onChange={(cols) => setQuery({ cols: colsParam(cols) })} />
            <DensityToggle value={query.density} onChange={(density) => setQuery({ density })} />
            <CopyLinkButton />
            <button type="button" onClick={() => setDialog({ kind: "help" })} className="rounded-md px-2 py-1.5 text-sm text-slate-700 ring-1 ring-inset ring-slate-300 hover:bg-slate-50" aria-label="Keyboard shortcuts">
              <span aria-hidden>?</span>
            </button>
          </>
        }
      />
      <FilterChips chips={chips} onChange={setQuery} onClearAll={clearAll} />
      {live.error && (
        <Notice>
          {live.error.message} {live.outdated ? "The rows below are from your previous filters" : "The rows below are from the last successful request"} and may be stale; the queue
          keeps retrying.
        </Notice>
      )}
      <QueueUpdatesBanner pending={live.pending} onShow={live.showPending} />
      {viewer.canTriage && (
        <BulkActionsBar
          count={selectedIds.length}
          pageRows={rows.length}
          viewerId={viewer.id}
          users={facets.assignees}
          busy={triage.busy}
          on={bulk}
          onSelectPage={() => table.toggleAllPageRowsSelected(true)}
          onClear={() => setSelection({})}
        />
      )}
      {triage.outcome && <TriageOutcomeNotice outcome={triage.outcome} labelOf={labelOf} onDismiss={triage.dismiss} />}
      <CaseQueueGrid table={table} total={totalText} focusedId={focus.focusedId} register={focus.register} onRowFocus={focus.noteFocus} density={query.density} dimmed={live.outdated} busy={loading}>
        {showEmpty && <CaseQueueEmpty query={query} total={page.total} onChange={setQuery} onClearAll={clearAll} />}
      </CaseQueueGrid>
      <CaseQueuePagination
        page={query.page}
        pageSize={query.pageSize}
        total={page.total}
        capped={page.totalCapped ?? false}
        rowsOnPage={rows.length}
        onPage={(p) => setQuery({ page: p })}
        onPageSize={(s) => setQuery({ pageSize: s as (typeof PAGE_SIZES)[number] })}
      />
      {dialog?.kind === "help" && <ShortcutsHelpDialog canTriage={viewer.canTriage} onClose={() => setDialog(null)} />}
      {dialog?.kind === "snooze" && (
        <SnoozeDialog
          count={dialog.ids.length}
          onClose={() => setDialog(null)}
          onSubmit={(req) => triage.run((n) => `Snoozed ${plural(n)}.`, () => clearing(dialog.ids, snoozeCasesAction({ caseIds: dialog.ids, ...req })), true)}
        />
      )}
      {(dialog?.kind === "RESOLVED" || dialog?.kind === "OPEN") && (
        <StatusDialog
          mode={dialog.kind}
          count={dialog.ids.length}
          onClose={() => setDialog(null)}
          onSubmit={(req) =>
            triage.run((n) => `${dialog.kind === "RESOLVED" ? "Resolved" : "Reopened"} ${plural(n)}.`, () => clearing(dialog.ids, setCaseStatusAction({ caseIds: dialog.ids, ...req })), true)
          }
        />
      )}
    </div>
  );
}
