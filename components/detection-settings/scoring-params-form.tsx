"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import type { ScoringParams } from "@/lib/domain/score/config";
import { saveScoringParamsAction } from "@/lib/actions/detection-settings-actions";
import { RunDetectionButton } from "@/components/admin/run-detection-button";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input, Textarea } from "@/components/ui/field";
import { ALL_PARAM_FIELDS, PARAM_GROUPS, UNIT_LABEL, getPath, setPath, type ParamField } from "./param-fields";
import { OverridesEditor, overridesFrom, overridesToParams, type OverrideRow } from "./overrides-editor";
import { ErrorText, errorAria, type FieldErrors, type LocationOption } from "./types";

const toNumber = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const valuesFrom = (p: ScoringParams) => Object.fromEntries(ALL_PARAM_FIELDS.map((f) => [f.path, String(getPath(p, f.path) ?? "")]));

/** Action field errors are keyed "params.rules.poAckDays"; the form keys by the path inside params. */
function paramErrors(fieldErrors: Record<string, string[]> | undefined): FieldErrors {
  const out: FieldErrors = {};
  for (const [k, v] of Object.entries(fieldErrors ?? {})) out[k.startsWith("params.") ? k.slice(7) : k] = v;
  return out;
}

function NumberField({ field, value, onChange, errors, idPrefix, changed }: { field: ParamField; value: string; onChange: (v: string) => void; errors: FieldErrors; idPrefix: string; changed: boolean }) {
  const id = `${idPrefix}-${field.path.replaceAll(".", "-")}`;
  const invalid = errors[field.path]?.length;
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        {field.label} <span className="font-normal text-slate-600">({UNIT_LABEL[field.unit]})</span>
        {changed && <span className="ml-1 text-xs font-normal text-amber-800">· changed</span>}
      </label>
      <Input
        id={id}
        type="number"
        inputMode="decimal"
        step={field.integer ? 1 : "any"}
        min={0}
        max={field.unit === "fraction" ? 1 : undefined}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={invalid ? `${id}-error` : `${id}-help`}
        className="max-w-40"
      />
      {invalid ? <ErrorText id={id} messages={errors[field.path]} /> : <p id={`${id}-help`} className="text-xs text-slate-600">{field.help}</p>}
    </div>
  );
}

/**
 * Every scoring parameter, grouped, plus per-site / per-ABC threshold overrides. Saving sends the whole set with a
 * note; the server validates it with the same schema detection uses and stores it as a new version.
 */
export function ScoringParamsForm({ current, baseVersion, thresholdKeys, locations }: { current: ScoringParams; baseVersion: number | null; thresholdKeys: string[]; locations: LocationOption[] }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [loadedVersion, setLoadedVersion] = useState(baseVersion);
  const [values, setValues] = useState(() => valuesFrom(current));
  const [overrides, setOverrides] = useState<OverrideRow[]>(() => overridesFrom(current));
  const [note, setNote] = useState("");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string; saved?: boolean } | null>(null);

  // A newer version arrived (saved here, restored below, or by someone else): start again from it.
  if (loadedVersion !== baseVersion) {
    setLoadedVersion(baseVersion);
    setValues(valuesFrom(current));
    setOverrides(overridesFrom(current));
  }

  const original = valuesFrom(current);
  const changedCount = ALL_PARAM_FIELDS.filter((f) => values[f.path] !== original[f.path]).length;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setMessage(null);
    const params = structuredClone(current) as unknown as Record<string, unknown>;
    for (const f of ALL_PARAM_FIELDS) setPath(params, f.path, toNumber(values[f.path]));
    params.thresholdOverrides = overridesToParams(overrides);
    start(async () => {
      const r = await saveScoringParamsAction({ baseVersion, note, params });
      if (r.ok) {
        setErrors({});
        setNote("");
        setMessage({ tone: "success", text: `Saved as version ${r.data.version}. New thresholds apply at the next detection run.`, saved: true });
        router.refresh();
        return;
      }
      setErrors(paramErrors(r.fieldErrors));
      setMessage({ tone: "error", text: r.error });
    });
  }

  const noteId = `${uid}-note`;
  return (
    <form onSubmit={submit} noValidate aria-label="Thresholds and weights" className="space-y-5" data-testid="scoring-form">
      <p className="text-sm text-slate-600">
        Saving creates a new version{baseVersion ? ` (version ${baseVersion} stays in the history)` : ""}. Detection uses the newest version from its next run on;
        existing cases are rescored then.
      </p>
      {PARAM_GROUPS.map((g) => (
        <fieldset key={g.id} className="rounded-md border border-slate-200 p-3" data-testid={`param-group-${g.id}`}>
          <legend className="px-1 text-sm font-semibold text-slate-800">{g.legend}</legend>
          <p className="mb-3 text-xs text-slate-600">{g.description}</p>
          <div className="grid gap-x-4 gap-y-3 sm:grid-cols-2 xl:grid-cols-3">
            {g.fields.map((f) => (
              <NumberField
                key={f.path}
                field={f}
                idPrefix={uid}
                value={values[f.path]}
                changed={values[f.path] !== original[f.path]}
                errors={errors}
                onChange={(v) => setValues((prev) => ({ ...prev, [f.path]: v }))}
              />
            ))}
          </div>
        </fieldset>
      ))}
      <OverridesEditor rows={overrides} onChange={setOverrides} thresholdKeys={thresholdKeys} locations={locations} errors={errors} idPrefix={uid} />
      <div className="space-y-1">
        <label htmlFor={noteId} className="block text-sm font-medium text-slate-700">
          Note: why this change? <span className="font-normal text-slate-600">(required, kept with the version and in the audit log)</span>
        </label>
        <Textarea id={noteId} rows={2} value={note} onChange={(e) => setNote(e.target.value)} {...errorAria(errors, "note", noteId)} />
        <ErrorText id={noteId} messages={errors.note} />
      </div>
      {message && (
        <div className="space-y-2" data-testid="scoring-form-message">
          <Notice tone={message.tone}>{message.text}</Notice>
          {message.saved && (
            <div className="flex flex-wrap items-center gap-2 text-sm text-slate-700">
              <span>Apply it now instead of waiting for the next scheduled run:</span>
              <RunDetectionButton />
            </div>
          )}
        </div>
      )}
      <div className="flex items-center gap-3">
        <Button type="submit" busy={pending}>
          {pending ? "Saving…" : "Save as new version"}
        </Button>
        <span className="text-xs text-slate-600" aria-live="polite">
          {changedCount === 0 ? "No field changed yet." : `${changedCount} field${changedCount === 1 ? "" : "s"} changed.`}
        </span>
      </div>
    </form>
  );
}
