"use client";
import { useId, useState } from "react";
import { Upload, X } from "lucide-react";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { formatBytes } from "../source-badges";
import { useFileUpload } from "./use-file-upload";
import type { ImportFlavour, UploadedFile } from "./types";

const ACCEPT: Record<ImportFlavour, { accept: string; hint: string }> = {
  table: { accept: ".csv,.txt,.xlsx", hint: "CSV or text (comma, semicolon or tab separated) or Excel .xlsx, up to 2 GB. A header row is expected." },
  edi: { accept: ".edi,.x12,.txt", hint: "An X12 interchange (.edi, .x12 or .txt), up to 2 GB. A 997 acknowledgement is generated for each one." },
};

/** Step 1: choose a file and upload it with a progress bar and a Cancel button. */
export function UploadStep({ sourceId, flavour, onUploaded }: { sourceId: string; flavour: ImportFlavour; onUploaded: (file: UploadedFile) => void }) {
  const uid = useId();
  const [file, setFile] = useState<File | null>(null);
  const [missing, setMissing] = useState(false);
  const { state, upload, cancel } = useFileUpload(sourceId);
  const uploading = state.status === "uploading";

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!file) return setMissing(true);
    const uploaded = await upload(file);
    if (uploaded) onUploaded(uploaded);
  }

  const pct = uploading && state.total > 0 ? Math.min(100, Math.round((state.loaded / state.total) * 100)) : 0;
  return (
    <form onSubmit={submit} noValidate aria-label="Upload a file" className="space-y-3" data-testid="upload-step">
      <div className="space-y-1">
        <label htmlFor={`${uid}-file`} className="block text-sm font-medium text-slate-700">
          File to import
        </label>
        <input
          id={`${uid}-file`}
          type="file"
          accept={ACCEPT[flavour].accept}
          disabled={uploading}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setMissing(false);
          }}
          aria-invalid={missing || undefined}
          aria-describedby={`${uid}-hint`}
          className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-1.5 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200"
        />
        <p id={`${uid}-hint`} className={missing ? "text-xs text-rose-700" : "text-xs text-slate-500"}>
          {missing ? "Choose a file first." : ACCEPT[flavour].hint}
        </p>
      </div>
      {uploading && (
        <div className="space-y-1" data-testid="upload-progress">
          <div
            role="progressbar"
            aria-label={`Upload of ${state.fileName}`}
            aria-valuemin={0}
            aria-valuemax={100}
            aria-valuenow={pct}
            aria-valuetext={`${pct}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`}
            className="h-2 w-full max-w-md overflow-hidden rounded bg-slate-200"
          >
            <div className="h-full rounded bg-brand-600 transition-[width]" style={{ width: `${pct}%` }} />
          </div>
          <p className="text-xs text-slate-600 tabular-nums" aria-live="polite">
            {pct < 100 ? `Uploading ${state.fileName} · ${pct}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)}` : `Uploaded ${state.fileName} · storing and checking it…`}
          </p>
        </div>
      )}
      <div role="status" aria-live="polite">
        {state.status === "failed" && <Notice>{state.message}</Notice>}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <Button type="submit" busy={uploading}>
          <Upload className="size-3.5" aria-hidden />
          {uploading ? "Uploading…" : state.status === "failed" ? "Upload again" : "Upload"}
        </Button>
        {uploading && (
          <Button type="button" variant="secondary" onClick={cancel}>
            <X className="size-3.5" aria-hidden />
            Cancel upload
          </Button>
        )}
      </div>
    </form>
  );
}
