"use server";
/** Server action for importing an uploaded X12 file (no column mapping): zod-validated here, authorized and audited in the DAL. */
import { z } from "zod";
import { runAction, type ActionResult } from "@/lib/actions/action-result";
import { startEdiImport } from "@/lib/server/dal/edi-imports";

export async function startEdiImportAction(input: { payloadId: string }): Promise<ActionResult<{ runId: string }>> {
  return runAction(z.object({ payloadId: z.string().min(1).max(100) }), input, (viewer, { payloadId }) => startEdiImport(viewer, payloadId));
}
