"use client";
import { useId, useState } from "react";
import type { ColumnMapping } from "@/lib/adapters/csv/mapping";
import { DATE_FORMATS, type DateFormat } from "@/lib/adapters/csv/parse-values";
import { Field, Input, Select } from "@/components/ui/field";
import { formatUomFactors, parseUomFactors } from "./mapping-draft";

/** How cells are read: date format, decimal comma, and the unit column with its factors. Compact: one row. */
export function MappingOptions({ mapping, headers, onChange }: { mapping: ColumnMapping; headers: string[]; onChange: (mapping: ColumnMapping) => void }) {
  const uid = useId();
  const [factorsText, setFactorsText] = useState(() => formatUomFactors(mapping.uomFactors));
  const [factorsError, setFactorsError] = useState<string | null>(null);
  return (
    <fieldset className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4" data-testid="mapping-options">
      <legend className="sr-only">How cells are read</legend>
      <Field id={`${uid}-date`} label="Date format">
        <Select
          id={`${uid}-date`}
          value={mapping.dateFormat ?? "YYYY-MM-DD"}
          onChange={(e) => onChange({ ...mapping, dateFormat: e.target.value === "YYYY-MM-DD" ? undefined : (e.target.value as DateFormat) })}
          className="py-1 text-xs"
        >
          {DATE_FORMATS.map((f) => (
            <option key={f} value={f}>
              {f}
            </option>
          ))}
        </Select>
      </Field>
      <div className="space-y-1">
        <span className="block text-sm font-medium text-slate-700">Numbers</span>
        <label className="flex items-center gap-2 pt-1 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={mapping.numberFormat === "decimal-comma"}
            onChange={(e) => onChange({ ...mapping, numberFormat: e.target.checked ? "decimal-comma" : undefined })}
            className="size-4 rounded border-slate-300"
          />
          Decimal comma (1.234,5)
        </label>
      </div>
      <Field id={`${uid}-uom`} label="Unit column">
        <Select
          id={`${uid}-uom`}
          value={mapping.uomColumn ?? ""}
          onChange={(e) => onChange({ ...mapping, uomColumn: e.target.value || undefined })}
          className="py-1 text-xs"
        >
          <option value="">None (quantities are in stock units)</option>
          {headers.map((h) => (
            <option key={h} value={h}>
              {h}
            </option>
          ))}
          {mapping.uomColumn && !headers.includes(mapping.uomColumn) && <option value={mapping.uomColumn}>{mapping.uomColumn} (not in this file)</option>}
        </Select>
      </Field>
      <Field id={`${uid}-factors`} label="Unit factors" errors={factorsError ? [factorsError] : undefined} hint="Stock units per unit, e.g. CS=12, EA=1.">
        <Input
          id={`${uid}-factors`}
          value={factorsText}
          disabled={!mapping.uomColumn}
          onChange={(e) => {
            setFactorsText(e.target.value);
            const parsed = parseUomFactors(e.target.value);
            if ("error" in parsed) return setFactorsError(parsed.error);
            setFactorsError(null);
            onChange({ ...mapping, uomFactors: parsed.factors });
          }}
          aria-invalid={factorsError ? true : undefined}
          aria-describedby={factorsError ? `${uid}-factors-error` : undefined}
          spellCheck={false}
          className="py-1 text-xs"
        />
      </Field>
    </fieldset>
  );
}
