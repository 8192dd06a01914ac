/**
 * CSV/XLSX file source. Files are streamed row by row through a column mapping (lib/server/ingest/payload-batches.ts),
 * never transformed whole, so the adapter's `transform` only serves small pasted payloads.
 */
import { z } from "zod";
import type { SourceAdapter } from "@/lib/adapters/types";

export const csvConfigSchema = z.object({}).loose();

export const csvAdapter: SourceAdapter<z.infer<typeof csvConfigSchema>> = {
  kind: "csv",
  configSchema: csvConfigSchema,
  secretNames: [],
  transform: () => {
    throw new Error("CSV/XLSX files are imported through a column mapping: upload the file and map its columns");
  },
};
