"use server";
/** Reads about one uploaded file for the import screen (e.g. "already uploaded on …"). */
import { z } from "zod";
import { runAction } from "@/lib/actions/action-result";
import { findUploadedFile } from "@/lib/server/dal/uploaded-files";

export async function getUploadedFileAction(input: { payloadId: string }) {
  return runAction(z.object({ payloadId: z.string().min(1).max(100) }), input, (viewer, { payloadId }) => findUploadedFile(viewer, payloadId));
}
