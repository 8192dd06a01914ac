/**
 * The case's stored recommendations (Case.recommendations JSON) read defensively — rows written by
 * older engine versions or edited by hand are skipped, not allowed to break the page — and turned
 * into a draft for the propose-action form.
 */
import { z } from "zod";
import { ACTION_TYPES, type ActionType } from "@/lib/domain/score/config";
import type { Recommendation } from "@/lib/domain/model/case-draft";

const finite = z.number().refine(Number.isFinite);

const recommendationSchema = z.object({
  code: z.string(),
  rank: finite,
  label: z.string(),
  actionType: z.enum(ACTION_TYPES).nullable().catch(null),
  payload: z
    .object({ quantity: finite, fromLocationId: z.string().optional(), targetDate: z.string().optional() })
    .nullable()
    .catch(null),
  impact: z.object({ unitsRecovered: finite.catch(0), usdRecovered: finite.catch(0), daysGained: finite.catch(0) }),
  reason: z.string().catch(""),
});

/** Valid recommendations, best (rank 1) first. */
export function readRecommendations(value: unknown): Recommendation[] {
  if (!Array.isArray(value)) return [];
  const out: Recommendation[] = [];
  for (const row of value) {
    const parsed = recommendationSchema.safeParse(row);
    if (parsed.success) out.push(parsed.data);
  }
  return out.sort((a, b) => a.rank - b.rank);
}

/** What the propose-action form is pre-filled with; the planner reviews it and the server validates it. */
export interface ProposalDraft {
  type: ActionType;
  quantity: number;
  fromLocationId?: string;
  targetDate?: string;
  note: string;
  /** Which recommendation it came from (shown in the form). */
  source: { code: string; rank: number; label: string };
}

const NOTE_MAX = 500;

/** The form draft for an executable recommendation; null for advice (no action type or payload). */
export function proposalDraft(r: Recommendation): ProposalDraft | null {
  if (!r.actionType || !r.payload) return null;
  const note = `Recommended #${r.rank}: ${r.label}${r.reason ? ` (${r.reason})` : ""}`;
  return {
    type: r.actionType,
    quantity: Math.max(1, Math.ceil(r.payload.quantity)),
    ...(r.payload.fromLocationId ? { fromLocationId: r.payload.fromLocationId } : {}),
    ...(r.payload.targetDate ? { targetDate: r.payload.targetDate.slice(0, 10) } : {}),
    note: note.length > NOTE_MAX ? `${note.slice(0, NOTE_MAX - 1)}…` : note,
    source: { code: r.code, rank: r.rank, label: r.label },
  };
}
