import { DEFAULT_STATUS_FILTER, type CasesQuery } from "@/lib/search-params/cases-url";
import type { QueueFacets } from "@/components/case-queue/queue-types";
import { formatUsd, humanize } from "@/lib/utils/format";

/** One removable chip: what it says and the query change that removes it. */
export type FilterChip = { id: string; label: string; remove: Partial<CasesQuery> };

const LIST_LABELS = { severity: "Severity", type: "Type", site: "Site", supplier: "Supplier", tier: "Tier", sla: "SLA", freshness: "Data" } as const;
const SLA_WORDS: Record<string, string> = { breached: "breached", due_soon: "due soon", on_track: "on track" };

/** The active filters as chips, in toolbar order. */
export function filterChips(query: CasesQuery, facets: QueueFacets): FilterChip[] {
  const chips: FilterChip[] = [];
  if (query.q) chips.push({ id: "q", label: `Search: “${query.q}”`, remove: { q: undefined } });
  if (query.status.join(",") !== DEFAULT_STATUS_FILTER.join(",")) {
    chips.push({ id: "status", label: `Status: ${query.status.length ? query.status.map(humanize).join(", ") : "any"}`, remove: { status: [...DEFAULT_STATUS_FILTER] } });
  }
  for (const key of Object.keys(LIST_LABELS) as (keyof typeof LIST_LABELS)[]) {
    const values = query[key] as string[];
    for (const v of values) {
      const text = key === "sla" ? (SLA_WORDS[v] ?? v) : key === "site" || key === "supplier" ? v : key === "freshness" ? v : humanize(v);
      chips.push({ id: `${key}:${v}`, label: `${LIST_LABELS[key]}: ${text}`, remove: { [key]: values.filter((x) => x !== v) } });
    }
  }
  if (query.assignee) {
    const who = query.assignee === "me" ? "me" : query.assignee === "none" ? "unassigned" : facets.assignees.find((u) => u.id === query.assignee)?.name ?? query.assignee;
    chips.push({ id: "assignee", label: `Assignee: ${who}`, remove: { assignee: undefined } });
  }
  const money = (v: number) => formatUsd(v);
  const ranges = [
    ["scoreMin", "Score ≥", money],
    ["scoreMax", "Score ≤", money],
    ["exposureMin", "$ at risk ≥", money],
    ["exposureMax", "$ at risk ≤", money],
    ["ageMin", "Open ≥", (v: number) => `${v} d`],
    ["ageMax", "Open ≤", (v: number) => `${v} d`],
  ] as const;
  for (const [key, words, format] of ranges) {
    const v = query[key];
    if (v !== undefined) chips.push({ id: key, label: `${words} ${format(v)}`, remove: { [key]: undefined } });
  }
  if (query.snoozed !== "hide") chips.push({ id: "snoozed", label: query.snoozed === "only" ? "Only snoozed" : "Including snoozed", remove: { snoozed: "hide" } });
  return chips;
}
