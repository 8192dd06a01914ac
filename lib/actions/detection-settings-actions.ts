"use server";
/** Server actions for /admin/detection: zod-validated here (per-field errors), authorized and audited in the DAL. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { scoringParamsSchema } from "@/lib/domain/score/config";
import {
  createRoutingRule,
  deleteRoutingRule,
  moveRoutingRule,
  restoreScoringVersion,
  saveScoringVersion,
  setRoutingRuleEnabled,
  updateRoutingRule,
} from "@/lib/server/dal/detection-settings";

const PAGE = "/admin/detection";
const id = z.string().min(1).max(100);
const baseVersion = z.number().int().positive().nullable();
const note = z.string().trim().min(3, "Say why (at least 3 characters)").max(1_000);

const saveSchema = z.object({ baseVersion, note, params: scoringParamsSchema });

/** Save the edited parameters as a new version; field errors come back as "params.rules.poAckDays" etc. */
export async function saveScoringParamsAction(input: { baseVersion: number | null; note: string; params: unknown }): Promise<ActionResult<{ version: number }>> {
  const r = await runAction(saveSchema, input, (viewer, d) => saveScoringVersion(viewer, d));
  if (r.ok) revalidatePath(PAGE);
  return r;
}

const restoreSchema = z.object({ version: z.number().int().positive(), baseVersion, note: z.string().trim().max(1_000).optional() });

export async function restoreScoringVersionAction(input: z.input<typeof restoreSchema>): Promise<ActionResult<{ version: number }>> {
  const r = await runAction(restoreSchema, input, (viewer, d) => restoreScoringVersion(viewer, d));
  if (r.ok) revalidatePath(PAGE);
  return r;
}

/** Supplier codes arrive as one text field: "S-0001, S-0002" or one per line. */
const codeList = z
  .string()
  .max(4_000)
  .transform((s) => s.split(/[\s,;]+/).map((c) => c.trim()).filter(Boolean));

const ruleSchema = z.object({
  name: z.string().trim().min(2, "At least 2 characters").max(120),
  enabled: z.boolean(),
  types: z.array(z.string().min(1).max(60)).max(50),
  siteIds: z.array(id).max(500),
  supplierCodes: codeList,
  minScore: z.number().min(0, "0 or more").finite().nullable(),
  team: z.string().trim().min(2, "At least 2 characters").max(60),
  assigneeId: id.nullable(),
});

export type RoutingRuleFormInput = z.input<typeof ruleSchema>;

export async function createRoutingRuleAction(input: RoutingRuleFormInput): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(ruleSchema, input, (viewer, d) => createRoutingRule(viewer, d));
  if (r.ok) revalidatePath(PAGE);
  return r;
}

export async function updateRoutingRuleAction(input: RoutingRuleFormInput & { id: string }): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(ruleSchema.extend({ id }), input, (viewer, { id: ruleId, ...d }) => updateRoutingRule(viewer, ruleId, d));
  if (r.ok) revalidatePath(PAGE);
  return r;
}

export async function setRoutingRuleEnabledAction(input: { id: string; enabled: boolean }): Promise<ActionResult> {
  const r = await runAction(z.object({ id, enabled: z.boolean() }), input, async (viewer, d) => {
    await setRoutingRuleEnabled(viewer, d.id, d.enabled);
    return undefined;
  });
  if (r.ok) revalidatePath(PAGE);
  return r;
}

export async function moveRoutingRuleAction(input: { id: string; direction: "up" | "down" }): Promise<ActionResult> {
  const r = await runAction(z.object({ id, direction: z.enum(["up", "down"]) }), input, async (viewer, d) => {
    await moveRoutingRule(viewer, d.id, d.direction);
    return undefined;
  });
  if (r.ok) revalidatePath(PAGE);
  return r;
}

export async function deleteRoutingRuleAction(input: { id: string }): Promise<ActionResult> {
  const r = await runAction(z.object({ id }), input, async (viewer, d) => {
    await deleteRoutingRule(viewer, d.id);
    return undefined;
  });
  if (r.ok) revalidatePath(PAGE);
  return r;
}
