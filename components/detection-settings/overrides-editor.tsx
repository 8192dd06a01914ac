"use client";
import type { ScoringParams } from "@/lib/domain/score/config";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { RULE_HELP, UNIT_LABEL } from "./param-fields";
import { ErrorText, errorAria, type FieldErrors, type LocationOption } from "./types";

/** One editable override row; empty strings mean "any site" / "any class" / not filled in yet. */
export interface OverrideRow {
  rowId: number;
  key: string;
  siteId: string;
  abcClass: "" | "A" | "B" | "C";
  value: string;
}

let nextRowId = 1_000;

export const overridesFrom = (p: ScoringParams): OverrideRow[] =>
  p.thresholdOverrides.map((o, i) => ({ rowId: i, key: o.key, siteId: o.siteId ?? "", abcClass: o.abcClass ?? "", value: String(o.value) }));

/** Rows as the params schema wants them (blank value → NaN so the server names the field). */
export const overridesToParams = (rows: OverrideRow[]) =>
  rows.map((r) => ({
    key: r.key,
    ...(r.siteId ? { siteId: r.siteId } : {}),
    ...(r.abcClass ? { abcClass: r.abcClass } : {}),
    value: r.value.trim() === "" ? Number.NaN : Number(r.value),
  }));

/** Per-site and per-ABC-class replacements of a rule threshold; the most specific match wins at detection time. */
export function OverridesEditor({
  rows,
  onChange,
  thresholdKeys,
  locations,
  errors,
  idPrefix,
}: {
  rows: OverrideRow[];
  onChange: (rows: OverrideRow[]) => void;
  thresholdKeys: string[];
  locations: LocationOption[];
  errors: FieldErrors;
  idPrefix: string;
}) {
  const update = (rowId: number, patch: Partial<OverrideRow>) => onChange(rows.map((r) => (r.rowId === rowId ? { ...r, ...patch } : r)));
  const help = (key: string) => RULE_HELP[key as keyof typeof RULE_HELP] as (typeof RULE_HELP)[keyof typeof RULE_HELP] | undefined;
  const label = (key: string) => help(key)?.label ?? key;
  const unitOf = (key: string) => { const h = help(key); return h ? UNIT_LABEL[h.unit] : ""; };
  return (
    <fieldset className="rounded-md border border-slate-200 p-3" data-testid="overrides-editor">
      <legend className="px-1 text-sm font-semibold text-slate-800">Overrides</legend>
      <p className="mb-3 text-xs text-slate-600">
        Replace a rule threshold for one site, one ABC class, or both. The most specific override wins: site and class, then site, then class,
        then an override for all; without one the value above applies. Values use the threshold&apos;s unit.
      </p>
      {rows.length === 0 ? (
        <p className="mb-3 text-sm text-slate-600">No overrides: every site and class uses the thresholds above.</p>
      ) : (
        <div className="mb-3 overflow-x-auto" tabIndex={0} role="region" aria-label="Overrides table">
          <table className="w-full text-sm">
            <caption className="sr-only">Threshold overrides</caption>
            <thead className="text-left text-xs text-slate-600">
              <tr>
                <th scope="col" className="pr-2 font-medium">Threshold</th>
                <th scope="col" className="pr-2 font-medium">Site</th>
                <th scope="col" className="pr-2 font-medium">ABC class</th>
                <th scope="col" className="pr-2 font-medium">Value</th>
                <th scope="col" className="font-medium"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r, i) => {
                const n = i + 1;
                const id = (f: string) => `${idPrefix}-override-${r.rowId}-${f}`;
                const err = (f: string) => `thresholdOverrides.${i}.${f}`;
                return (
                  <tr key={r.rowId} data-testid="override-row" className="align-top">
                    <td className="py-1 pr-2">
                      <Select id={id("key")} aria-label={`Threshold, override ${n}`} value={r.key} onChange={(e) => update(r.rowId, { key: e.target.value })} {...errorAria(errors, err("key"), id("key"))}>
                        {thresholdKeys.map((k) => (
                          <option key={k} value={k}>
                            {label(k)}
                          </option>
                        ))}
                      </Select>
                      <ErrorText id={id("key")} messages={errors[err("key")]} />
                    </td>
                    <td className="py-1 pr-2">
                      <Select id={id("site")} aria-label={`Site, override ${n}`} value={r.siteId} onChange={(e) => update(r.rowId, { siteId: e.target.value })} {...errorAria(errors, err("siteId"), id("site"))}>
                        <option value="">All sites</option>
                        {locations.map((l) => (
                          <option key={l.id} value={l.id}>
                            {l.code} · {l.name}
                          </option>
                        ))}
                      </Select>
                      <ErrorText id={id("site")} messages={errors[err("siteId")]} />
                    </td>
                    <td className="py-1 pr-2">
                      <Select id={id("abc")} aria-label={`ABC class, override ${n}`} value={r.abcClass} onChange={(e) => update(r.rowId, { abcClass: e.target.value as OverrideRow["abcClass"] })}>
                        <option value="">All classes</option>
                        <option value="A">A</option>
                        <option value="B">B</option>
                        <option value="C">C</option>
                      </Select>
                    </td>
                    <td className="py-1 pr-2">
                      <Input
                        id={id("value")}
                        type="number"
                        inputMode="decimal"
                        step="any"
                        min={0}
                        aria-label={`Value, override ${n}`}
                        value={r.value}
                        onChange={(e) => update(r.rowId, { value: e.target.value })}
                        className="max-w-32"
                        {...errorAria(errors, err("value"), id("value"))}
                      />
                      <ErrorText id={id("value")} messages={errors[err("value")]} />
                      <span className="text-xs text-slate-600">{unitOf(r.key)}</span>
                    </td>
                    <td className="py-1">
                      <Button type="button" variant="ghost" className="px-2 py-1 text-xs underline underline-offset-2" aria-label={`Remove override ${n}`} onClick={() => onChange(rows.filter((x) => x.rowId !== r.rowId))}>
                        Remove
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      <Button type="button" variant="secondary" onClick={() => onChange([...rows, { rowId: nextRowId++, key: thresholdKeys[0] ?? "", siteId: "", abcClass: "", value: "" }])}>
        Add override
      </Button>
      <ErrorText id={`${idPrefix}-overrides`} messages={errors.thresholdOverrides} />
    </fieldset>
  );
}
