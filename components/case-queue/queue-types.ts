import type { CasePage, CaseRow, QueueFacets as DalQueueFacets } from "@/lib/server/dal/cases";

/** One queue row as the browser receives it (JSON: dates are ISO strings). */
export type QueueRow = CaseRow;

/** One page of the queue; totalCapped = the count stopped at a cap, so `total` is a lower bound. */
export type QueuePage = CasePage;

/** Filter options for the toolbar, loaded by the page from findQueueFacets. */
export type QueueFacets = DalQueueFacets;

/** Who is looking at the queue (for "assign to me" and whether triage controls are shown). */
export type QueueViewer = { id: string; name: string; canTriage: boolean };
