"use client";
/**
 * PLACEHOLDER — file import for sources whose modes include "upload" (CSV/XLSX/EDI files).
 * Another engineer owns this component: keep the export name and props; the source page renders it inside the
 * "Import a file" card only for upload sources.
 */
export function FileImport({ sourceId }: { sourceId: string }) {
  return (
    <p className="text-sm text-slate-600" data-testid="file-import-placeholder" data-source-id={sourceId}>
      File import is not available yet.
    </p>
  );
}
