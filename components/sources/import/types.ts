/** Shapes the import wizard passes between its steps. */
import type { previewUploadAction } from "@/lib/actions/data-source-actions";

/** What POST /api/sources/:id/uploads answered, plus the name the user chose. */
export interface UploadedFile {
  payloadId: string;
  duplicate: boolean;
  sizeBytes: number;
  fileName: string;
}

type PreviewActionResult = Awaited<ReturnType<typeof previewUploadAction>>;
/** previewUploadAction's answer: headers, the mapping offered (and where it came from), preset info, preview rows. */
export type UploadPreview = Extract<PreviewActionResult, { ok: true }>["data"];
export type PreviewTable = NonNullable<UploadPreview["preview"]>;
export type PreviewRowView = PreviewTable["rows"][number];
export type PresetView = NonNullable<UploadPreview["preset"]>;

/** csv sources map columns before importing; x12 sources import the EDI file as it is. */
export type ImportFlavour = "table" | "edi";
