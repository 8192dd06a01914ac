"use server";
/** Server actions for the Data sources admin pages: zod-validated here, authorized and audited in the DAL. */
import { revalidatePath } from "next/cache";
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import {
  createDataSource,
  discardQuarantinedRecord,
  findRun,
  replayPayload,
  replayQuarantinedRecord,
  requestSync,
  setDataSourceSecrets,
  updateDataSource,
} from "@/lib/server/dal/data-sources";
import { previewUpload, startFileImport } from "@/lib/server/dal/file-imports";
import { ColumnMapping } from "@/lib/adapters/csv/mapping";

const id = z.string().min(1).max(100);
const config = z.record(z.string(), z.unknown()).default({});

const createSchema = z.object({
  code: z.string().trim().regex(/^[A-Z0-9][A-Z0-9_-]{1,39}$/, "2–40 characters: capitals, digits, - or _"),
  name: z.string().trim().min(2).max(120),
  kind: z.string().min(1).max(40),
  slaMinutes: z.coerce.number().int().min(5).max(10_080),
  enabled: z.boolean().default(true),
  config,
});

export async function createDataSourceAction(input: z.input<typeof createSchema>): Promise<ActionResult<{ id: string }>> {
  const r = await runAction(createSchema, input, async (viewer, data) => ({ id: (await createDataSource(viewer, data)).id }));
  if (r.ok) revalidatePath("/admin/sources");
  return r;
}

const updateSchema = z.object({
  sourceId: id,
  name: z.string().trim().min(2).max(120),
  slaMinutes: z.coerce.number().int().min(5).max(10_080),
  enabled: z.boolean(),
  config,
});

export async function updateDataSourceAction(input: z.input<typeof updateSchema>): Promise<ActionResult> {
  const r = await runAction(updateSchema, input, async (viewer, { sourceId, ...data }) => {
    await updateDataSource(viewer, sourceId, data);
    return undefined;
  });
  if (r.ok) revalidatePath(`/admin/sources/${input.sourceId}`);
  return r;
}

const secretsSchema = z.object({ sourceId: id, secrets: z.record(z.string().min(1).max(60), z.string().max(4_000)) });

export async function setSecretsAction(input: z.input<typeof secretsSchema>): Promise<ActionResult> {
  const r = await runAction(secretsSchema, input, async (viewer, { sourceId, secrets }) => {
    await setDataSourceSecrets(viewer, sourceId, secrets);
    return undefined;
  });
  if (r.ok) revalidatePath(`/admin/sources/${input.sourceId}`);
  return r;
}

export async function requestSyncAction(input: { sourceId: string }): Promise<ActionResult<{ runId: string; alreadyRunning: boolean }>> {
  const r = await runAction(z.object({ sourceId: id }), input, (viewer, { sourceId }) => requestSync(viewer, sourceId));
  if (r.ok) revalidatePath(`/admin/sources/${input.sourceId}`);
  return r;
}

/** Polled by the run progress bar. */
export async function getRunAction(input: { runId: string }) {
  return runAction(z.object({ runId: id }), input, (viewer, { runId }) => findRun(viewer, runId));
}

export async function replayPayloadAction(input: { payloadId: string }): Promise<ActionResult<{ runId: string }>> {
  return runAction(z.object({ payloadId: id }), input, (viewer, { payloadId }) => replayPayload(viewer, payloadId));
}

const replaySchema = z.object({
  id,
  entity: z.string().max(40).optional(),
  /** The corrected record as JSON text (the admin edits it in a textarea). */
  recordJson: z
    .string()
    .max(200_000)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined) return undefined;
      try {
        return JSON.parse(s) as unknown;
      } catch (e) {
        ctx.addIssue({ code: "custom", message: `Not valid JSON: ${(e as Error).message}` });
        return z.NEVER;
      }
    }),
});

export async function replayQuarantinedAction(input: z.input<typeof replaySchema>): Promise<ActionResult<{ ok: boolean; reason?: string }>> {
  return runAction(replaySchema, input, (viewer, { id: recordId, entity, recordJson }) => replayQuarantinedRecord(viewer, recordId, { entity, record: recordJson }));
}

export async function discardQuarantinedAction(input: { id: string; reason: string }): Promise<ActionResult> {
  return runAction(z.object({ id, reason: z.string().trim().min(3, "Say why (3+ characters)").max(500) }), input, async (viewer, d) => {
    await discardQuarantinedRecord(viewer, d.id, d.reason);
    return undefined;
  });
}

// Validated with the mapping's own schema, so errors name the field (fields.sku.column: …).
const mappingSchema = ColumnMapping;

const previewSchema = z.object({ payloadId: id, entity: z.string().max(40).optional(), mapping: mappingSchema.optional() });

/** First rows of an uploaded file through a mapping (the saved one, a preset, or a suggestion when none is given). */
export async function previewUploadAction(input: z.input<typeof previewSchema>) {
  return runAction(previewSchema, input, (viewer, d) => previewUpload(viewer, d.payloadId, { entity: d.entity, mapping: d.mapping }));
}

const importSchema = z.object({ payloadId: id, mapping: mappingSchema, saveMapping: z.boolean().default(true), presetId: z.string().max(60).optional() });

export async function startImportAction(input: z.input<typeof importSchema>): Promise<ActionResult<{ runId: string }>> {
  return runAction(importSchema, input, (viewer, d) => startFileImport(viewer, d.payloadId, d.mapping, d.saveMapping, d.presetId));
}
