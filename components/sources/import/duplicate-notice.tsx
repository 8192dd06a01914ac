"use client";
import { useQuery } from "@tanstack/react-query";
import { getUploadedFileAction } from "@/lib/actions/uploaded-file-actions";
import { Button } from "@/components/ui/button";
import { formatDateTime } from "@/lib/utils/format";
import type { UploadedFile } from "./types";

/** The same bytes were stored before for this source: say when, and let the admin import them again or pick another file. */
export function DuplicateNotice({ file, busy, onImportAgain, onChooseAnother }: { file: UploadedFile; busy?: boolean; onImportAgain: () => void; onChooseAnother: () => void }) {
  const { data } = useQuery({
    queryKey: ["uploaded-file", file.payloadId],
    queryFn: async () => {
      const r = await getUploadedFileAction({ payloadId: file.payloadId });
      if (!r.ok) throw new Error(r.error);
      return r.data;
    },
  });
  const when = data ? formatDateTime(data.receivedAt) : "an earlier date";
  return (
    <div className="space-y-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-3" role="region" aria-label="Duplicate file" data-testid="duplicate-notice">
      <p className="text-sm text-amber-900">
        This exact file was already uploaded on {when}
        {data?.fileName && data.fileName !== file.fileName ? ` (as ${data.fileName})` : ""} — import it again?
      </p>
      {data?.runId && <p className="text-xs text-amber-900">It was imported before; importing again updates the same records (nothing is duplicated).</p>}
      <div className="flex flex-wrap gap-2">
        <Button onClick={onImportAgain} busy={busy}>
          Import it again
        </Button>
        <Button variant="secondary" onClick={onChooseAnother}>
          Choose another file
        </Button>
      </div>
    </div>
  );
}
