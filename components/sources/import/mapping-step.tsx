"use client";
import { useEffect, useId, useRef, useState, useTransition } from "react";
import { RefreshCw } from "lucide-react";
import { previewUploadAction, startImportAction } from "@/lib/actions/data-source-actions";
import { FILE_ENTITIES } from "@/lib/adapters/csv/field-catalog";
import type { ColumnMapping } from "@/lib/adapters/csv/mapping";
import { presetById } from "@/lib/adapters/csv/presets";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Select } from "@/components/ui/field";
import { formatBytes } from "../source-badges";
import { FieldMappingTable } from "./field-mapping-table";
import { MappingOptions } from "./mapping-options";
import { PresetNotes } from "./preset-notes";
import { PreviewTable } from "./preview-table";
import { draftProblems, entityLabel, fieldRows, isFileEntity, sameMapping } from "./mapping-draft";
import type { UploadPreview, UploadedFile } from "./types";

const ORIGIN_WORDS = {
  saved: "the mapping saved with your last import of this kind",
  preset: "the preset for this file",
  suggested: "suggested from the column names — check it",
  yours: "your mapping",
} as const;

type PreviewRequest = { entity?: string; mapping?: ColumnMapping };

/**
 * Step 2 (tables only): choose what the file contains, map each canonical field to a column (or a constant), check
 * the first 20 rows as they would be imported, then start the import. Every failure is shown here and keeps the draft.
 */
export function MappingStep({ file, onStarted, onChooseAnother }: { file: UploadedFile; onStarted: (runId: string) => void; onChooseAnother: () => void }) {
  const uid = useId();
  const [result, setResult] = useState<UploadPreview | null>(null);
  const [draft, setDraft] = useState<ColumnMapping | null>(null);
  /** Bumped whenever the server hands a new mapping, so inputs holding typed text start from it. */
  const [draftVersion, setDraftVersion] = useState(0);
  const [save, setSave] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [showProblems, setShowProblems] = useState(false);
  const [loading, startLoading] = useTransition();
  const [starting, startStarting] = useTransition();
  const requested = useRef(false);

  function load(request: PreviewRequest) {
    setError(null);
    startLoading(async () => {
      const r = await previewUploadAction({ payloadId: file.payloadId, ...request });
      if (!r.ok) {
        setError(r.fieldErrors?.mapping?.[0] ?? r.error);
        return;
      }
      setResult(r.data);
      if (!request.mapping) {
        setDraft(r.data.mapping);
        setDraftVersion((v) => v + 1);
      }
    });
  }

  useEffect(() => {
    // Once per file, also under React's development double-mount.
    if (requested.current) return;
    requested.current = true;
    load({});
  }, []);

  const problems = draft ? draftProblems(draft) : [];
  const previewStale = Boolean(draft && result?.mapping && !sameMapping(draft, result.mapping));
  const presetEntity = result?.preset ? result.presets.find((p) => p.id === result.preset!.id)?.entity : undefined;
  const presetApplies = Boolean(result?.preset && draft && presetEntity === draft.entity);

  function refresh() {
    if (!draft) return;
    if (problems.length > 0) return setShowProblems(true);
    setShowProblems(false);
    load({ mapping: draft });
  }

  function startImport() {
    if (!draft || !result) return;
    if (problems.length > 0) return setShowProblems(true);
    setError(null);
    // The preset's enrichment replaces the mapping with its own: only ask for it while the preset mapping is unedited.
    const presetId = presetApplies && result.preset && sameMapping(draft, presetById(result.preset.id)?.mapping) ? result.preset.id : undefined;
    startStarting(async () => {
      const r = await startImportAction({ payloadId: file.payloadId, mapping: draft, saveMapping: save, presetId });
      if (r.ok) onStarted(r.data.runId);
      else setError(r.fieldErrors?.mapping?.[0] ?? r.error);
    });
  }

  const previewFields = draft ? fieldRows(draft.entity).map((r) => r.field).filter((f) => f in (result?.mapping?.fields ?? {})) : [];
  const meta = result
    ? [formatBytes(result.sizeBytes), result.format.toUpperCase(), result.preview?.sheet ? `sheet ${result.preview.sheet}` : null, result.preview?.delimiter ? `separator '${result.preview.delimiter === "\t" ? "tab" : result.preview.delimiter}'` : null, `${result.headers.length} columns`]
        .filter(Boolean)
        .join(" · ")
    : null;

  return (
    <section aria-labelledby={`${uid}-title`} className="space-y-4" data-testid="mapping-step" aria-busy={loading || undefined}>
      <div>
        <h3 id={`${uid}-title`} className="text-sm font-semibold text-slate-800">
          Map the columns of {file.fileName}
        </h3>
        {meta && <p className="text-xs text-slate-600">{meta}</p>}
      </div>
      <div role="status" aria-live="polite">
        {error && <Notice>{error}</Notice>}
        {loading && !result && <p className="text-sm text-slate-600">Reading the first rows…</p>}
      </div>

      {result && (
        <>
          <div className="flex flex-wrap items-end gap-4">
            <div className="min-w-64">
              <Field id={`${uid}-entity`} label="What the file contains">
                <Select
                  id={`${uid}-entity`}
                  value={draft?.entity ?? ""}
                  disabled={loading}
                  onChange={(e) => isFileEntity(e.target.value) && load({ entity: e.target.value })}
                >
                  {!draft && <option value="">Choose…</option>}
                  {FILE_ENTITIES.map((en) => (
                    <option key={en} value={en}>
                      {entityLabel(en)}
                      {result.presets.some((p) => p.id === result.preset?.id && p.entity === en) ? " (preset)" : ""}
                    </option>
                  ))}
                </Select>
              </Field>
            </div>
            {draft && result.mappingOrigin && (
              <p className="pb-1.5 text-sm text-slate-700" data-testid="mapping-origin" data-origin={previewStale ? "edited" : result.mappingOrigin}>
                Mapping: {previewStale ? "edited — refresh the preview to check it" : ORIGIN_WORDS[result.mappingOrigin]}
              </p>
            )}
          </div>
          {!draft && <p className="text-sm text-slate-600">No preset matches this file name. Choose what the file contains and a mapping is suggested from its column names.</p>}
          {presetApplies && result.preset && <PresetNotes preset={result.preset} />}

          {draft && (
            <>
              <FieldMappingTable
                key={`fields-${draftVersion}`}
                mapping={draft}
                headers={result.headers}
                firstRow={result.preview?.rows[0]?.values}
                problems={new Set(showProblems ? problems.map((p) => p.field) : [])}
                onChange={setDraft}
              />
              <MappingOptions key={`options-${draftVersion}`} mapping={draft} headers={result.headers} onChange={setDraft} />
              {showProblems && problems.length > 0 && (
                <div role="alert" className="rounded-md border border-rose-200 bg-rose-50 px-3 py-2 text-sm text-rose-800" data-testid="mapping-problems">
                  <p className="font-medium">Fix the mapping first:</p>
                  <ul className="list-disc pl-5">
                    {problems.map((p) => (
                      <li key={p.field}>{p.message}</li>
                    ))}
                  </ul>
                </div>
              )}
              <div className="space-y-2">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h4 className="text-sm font-semibold text-slate-800">Preview</h4>
                  <Button type="button" variant="secondary" onClick={refresh} busy={loading}>
                    <RefreshCw className="size-3.5" aria-hidden />
                    Refresh preview
                  </Button>
                </div>
                {previewStale && <p className="text-xs text-amber-800">The mapping changed since this preview.</p>}
                {result.preview && <PreviewTable preview={result.preview} fields={previewFields} />}
              </div>
              <div className="flex flex-wrap items-center gap-3 border-t border-slate-100 pt-3">
                <label className="flex items-center gap-2 text-sm text-slate-700">
                  <input type="checkbox" checked={save} onChange={(e) => setSave(e.target.checked)} className="size-4 rounded border-slate-300" />
                  Save this mapping for the next file
                </label>
                <div className="ml-auto flex flex-wrap gap-2">
                  <Button type="button" variant="ghost" onClick={onChooseAnother} disabled={starting}>
                    Choose another file
                  </Button>
                  <Button type="button" onClick={startImport} busy={starting} disabled={loading}>
                    {starting ? "Starting…" : `Import ${entityLabel(draft.entity).toLowerCase()}`}
                  </Button>
                </div>
              </div>
            </>
          )}
          {!draft && (
            <Button type="button" variant="ghost" onClick={onChooseAnother}>
              Choose another file
            </Button>
          )}
        </>
      )}
      {!result && !loading && (
        <div className="flex gap-2">
          <Button type="button" variant="secondary" onClick={() => load({})}>
            Try again
          </Button>
          <Button type="button" variant="ghost" onClick={onChooseAnother}>
            Choose another file
          </Button>
        </div>
      )}
    </section>
  );
}
