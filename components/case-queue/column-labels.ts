import type { CaseSortColumn, QueueColumnId } from "@/lib/search-params/cases-url";

/** Human names of the queue's columns (column menu, headers, chips). */
export const COLUMN_LABELS: Record<QueueColumnId, string> = {
  select: "Selection",
  number: "Case #",
  title: "Case",
  types: "Exception types",
  severity: "Severity",
  score: "Score",
  exposure: "$ at risk",
  site: "Site",
  supplier: "Supplier",
  tier: "Customer tier",
  status: "Status",
  assignee: "Assignee",
  sla: "SLA",
  age: "Opened",
  freshness: "Data freshness",
};

/** Which URL sort key each sortable column drives (the SLA column sorts by due date, "Opened" by open date). */
export const SORT_KEY_OF_COLUMN: Partial<Record<QueueColumnId, CaseSortColumn>> = {
  number: "number",
  severity: "severity",
  score: "score",
  exposure: "exposure",
  sla: "slaDueAt",
  age: "openedAt",
};

export const columnOfSortKey = (sort: CaseSortColumn): QueueColumnId =>
  (Object.entries(SORT_KEY_OF_COLUMN).find(([, key]) => key === sort)?.[0] as QueueColumnId | undefined) ?? "score";
