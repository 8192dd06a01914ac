import {
  DEFAULT_QUEUE_COLUMNS,
  QUEUE_COLUMNS,
  casesQueryToSearchParams,
  parseCasesQueryUrl,
  type CasesQuery,
  type QueueColumnId,
} from "@/lib/search-params/cases-url";

/** The queue's column layout as a saved view stores it. */
export type QueueLayout = { order: QueueColumnId[]; hidden: QueueColumnId[]; density: CasesQuery["density"] };

const defaultIndex = (id: QueueColumnId) => QUEUE_COLUMNS.indexOf(id);

/** Visible columns in display order: the URL's `cols` without duplicates, or the default set when empty. */
export function visibleColumns(cols: readonly QueueColumnId[]): QueueColumnId[] {
  const unique = [...new Set(cols)];
  return unique.length ? unique : [...DEFAULT_QUEUE_COLUMNS];
}

// A column being shown again goes back next to its default neighbour, so toggling off/on is a no-op.
function insertAtDefaultSlot(list: QueueColumnId[], id: QueueColumnId): QueueColumnId[] {
  const before = QUEUE_COLUMNS.slice(0, defaultIndex(id)).reverse().find((c) => list.includes(c));
  const at = before ? list.indexOf(before) + 1 : 0;
  return [...list.slice(0, at), id, ...list.slice(at)];
}

/** Every column for the column menu: visible ones in display order, hidden ones at the slot they would return to. */
export function columnMenuOrder(visible: readonly QueueColumnId[]): { id: QueueColumnId; visible: boolean }[] {
  let list = [...visible];
  for (const id of QUEUE_COLUMNS) if (!list.includes(id)) list = insertAtDefaultSlot(list, id);
  return list.map((id) => ({ id, visible: visible.includes(id) }));
}

/** Show or hide one column. The last visible column cannot be hidden (an empty table helps nobody). */
export function toggleColumn(visible: readonly QueueColumnId[], id: QueueColumnId): QueueColumnId[] {
  if (visible.includes(id)) return visible.length > 1 ? visible.filter((c) => c !== id) : [...visible];
  return insertAtDefaultSlot([...visible], id);
}

/** Move a visible column one place left (-1) or right (+1); hidden columns and edges stay put. */
export function moveColumn(visible: readonly QueueColumnId[], id: QueueColumnId, delta: -1 | 1): QueueColumnId[] {
  const list = [...visible];
  const from = list.indexOf(id);
  const to = from + delta;
  if (from < 0 || to < 0 || to >= list.length) return list;
  [list[from], list[to]] = [list[to], list[from]];
  return list;
}

/** The `cols` URL value for a layout: empty when it equals the default, which keeps shared links short. */
export function colsParam(visible: readonly QueueColumnId[]): QueueColumnId[] {
  return visible.join(",") === DEFAULT_QUEUE_COLUMNS.join(",") ? [] : [...visible];
}

/** The layout a saved view records for a query. */
export function layoutOf(query: Pick<CasesQuery, "cols" | "density">): QueueLayout {
  const order = visibleColumns(query.cols);
  return { order, hidden: QUEUE_COLUMNS.filter((c) => !order.includes(c)), density: query.density };
}

/**
 * A saved view's query string in canonical form: parsed by the queue schema (unknown or invalid values dropped)
 * and serialised again, always from page 1.
 */
export function canonicalViewQuery(queryString: string): string {
  const parsed = parseCasesQueryUrl(new URLSearchParams(queryString.replace(/^\?/, "")));
  return casesQueryToSearchParams({ ...parsed, page: 1 }).toString();
}

/** Filters a reader can clear: everything except sorting, paging and layout. */
export const FILTER_KEYS = [
  "status",
  "severity",
  "type",
  "site",
  "supplier",
  "tier",
  "assignee",
  "scoreMin",
  "scoreMax",
  "exposureMin",
  "exposureMax",
  "ageMin",
  "ageMax",
  "sla",
  "freshness",
  "snoozed",
  "q",
] as const satisfies readonly (keyof CasesQuery)[];
export type FilterKey = (typeof FILTER_KEYS)[number];

/** The default value of every filter (what "Clear all" restores). */
export function defaultFilters(): Pick<CasesQuery, FilterKey> {
  const d = parseCasesQueryUrl({});
  return Object.fromEntries(FILTER_KEYS.map((k) => [k, d[k]])) as Pick<CasesQuery, FilterKey>;
}

/** True when any filter differs from its default. */
export function hasActiveFilters(query: CasesQuery): boolean {
  const d = defaultFilters();
  return FILTER_KEYS.some((k) => JSON.stringify(query[k] ?? null) !== JSON.stringify(d[k] ?? null));
}
