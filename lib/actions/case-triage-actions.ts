"use server";
/** Triage actions for the case page header and the queue's bulk bar: zod here, authorization and audit in the DAL. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { acknowledgeCases, assignCases, setCaseStatus, snoozeCases, unsnoozeCases, type TriageResult } from "@/lib/server/dal/case-triage";
import { RESOLUTION_CODES } from "@/lib/domain/case/resolution-codes";
import { MAX_SCORE_RISE_PCT, MIN_SCORE_RISE_PCT } from "@/lib/domain/case/snooze";

const caseIds = z.array(z.string().min(1).max(40)).min(1, "Choose at least one case").max(200, "At most 200 cases at a time");

const assignSchema = z.object({ caseIds, assigneeId: z.string().min(1).max(40).nullable() });
const idsSchema = z.object({ caseIds });
const snoozeSchema = z
  .object({
    caseIds,
    until: z.iso.datetime({ offset: true, message: "Pick a valid date and time" }).optional(),
    onChange: z.boolean().optional(),
    scoreRisePct: z.number().min(MIN_SCORE_RISE_PCT).max(MAX_SCORE_RISE_PCT).optional(),
  })
  .refine((s) => s.until !== undefined || s.onChange === true || s.scoreRisePct !== undefined, {
    message: "Choose at least one wake condition",
    path: ["_form"],
  });
const statusSchema = z
  .object({
    caseIds,
    status: z.enum(["RESOLVED", "OPEN"]),
    reasonCode: z.enum(RESOLUTION_CODES).optional(),
    note: z.string().trim().max(2000).optional(),
  })
  .refine((s) => s.status !== "RESOLVED" || s.reasonCode !== undefined, { message: "Choose a resolution reason", path: ["reasonCode"] })
  .refine((s) => s.status !== "OPEN" || (s.note ?? "").length > 0, { message: "Say why the case is reopened", path: ["note"] });

/** The queue and every case page may show changed owners, statuses and snoozes. */
function refresh(result: ActionResult<TriageResult>): ActionResult<TriageResult> {
  if (result.ok && result.data.updated > 0) revalidatePath("/cases", "layout");
  return result;
}

/** Assign cases to a person, or unassign them (assigneeId null). */
export async function assignCasesAction(raw: { caseIds: string[]; assigneeId: string | null }): Promise<ActionResult<TriageResult>> {
  return refresh(await runAction(assignSchema, raw, (viewer, input) => assignCases(viewer, input)));
}

/** Acknowledge cases (seen and being worked). */
export async function acknowledgeCasesAction(raw: { caseIds: string[] }): Promise<ActionResult<TriageResult>> {
  return refresh(await runAction(idsSchema, raw, (viewer, input) => acknowledgeCases(viewer, input)));
}

/** Snooze cases until a date, a source change and/or a score rise (at least one). */
export async function snoozeCasesAction(raw: { caseIds: string[]; until?: string; onChange?: boolean; scoreRisePct?: number }): Promise<ActionResult<TriageResult>> {
  return refresh(
    await runAction(snoozeSchema, raw, (viewer, input) =>
      snoozeCases(viewer, { caseIds: input.caseIds, until: input.until ? new Date(input.until) : null, onChange: input.onChange, scoreRisePct: input.scoreRisePct }),
    ),
  );
}

/** Wake snoozed cases now. */
export async function unsnoozeCasesAction(raw: { caseIds: string[] }): Promise<ActionResult<TriageResult>> {
  return refresh(await runAction(idsSchema, raw, (viewer, input) => unsnoozeCases(viewer, input)));
}

/** Resolve cases with a reason code (and optional note), or reopen resolved ones with a note. */
export async function setCaseStatusAction(raw: {
  caseIds: string[];
  status: "RESOLVED" | "OPEN";
  reasonCode?: (typeof RESOLUTION_CODES)[number];
  note?: string;
}): Promise<ActionResult<TriageResult>> {
  return refresh(await runAction(statusSchema, raw, (viewer, input) => setCaseStatus(viewer, input)));
}
