"use client";
import { useState } from "react";
import type { FileEntity } from "@/lib/adapters/csv/field-catalog";
import type { ColumnMapping, FieldSource } from "@/lib/adapters/csv/mapping";
import { Badge } from "@/components/ui/badge";
import { Input, Select } from "@/components/ui/field";
import { choiceOf, choiceValue, constantFor, fieldRows, parseChoiceValue, sourceForChoice, sourceText, withFieldSource, type FieldRow } from "./mapping-draft";

/** The constant or template text of one field; kept as typed (a number field must accept "1." on the way to "1.5"). */
function ValueInput({ row, source, onChange }: { row: FieldRow; source: FieldSource; onChange: (source: FieldSource) => void }) {
  const [text, setText] = useState(() => sourceText(source));
  const isTemplate = "template" in source;
  return (
    <Input
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(isTemplate ? { template: e.target.value } : { constant: constantFor(row.kind, e.target.value) });
      }}
      aria-label={isTemplate ? `Template for ${row.field}` : `Constant value for ${row.field}`}
      placeholder={isTemplate ? "e.g. AW-P-{ProductID}" : row.values ? row.values.join(" / ") : "value"}
      className="py-1 text-xs"
      spellCheck={false}
    />
  );
}

/** What the example column shows for a field: the first row's cell(s) it reads. */
function example(source: FieldSource | undefined, firstRow: Record<string, string> | undefined): string {
  if (!source || !firstRow) return "";
  if ("column" in source) return firstRow[source.column] ?? "";
  if ("template" in source) return source.template.replace(/\{([^}]+)\}/g, (_m, c: string) => firstRow[c] ?? "");
  if ("constant" in source) return source.constant == null ? "" : String(source.constant);
  return "time of import";
}

/** canonical field → where it comes from (a column, a constant, a template of columns, or the import time). */
export function FieldMappingTable({
  mapping,
  headers,
  firstRow,
  problems,
  onChange,
}: {
  mapping: ColumnMapping;
  headers: string[];
  firstRow?: Record<string, string>;
  problems: Set<string>;
  onChange: (mapping: ColumnMapping) => void;
}) {
  const rows = fieldRows(mapping.entity as FileEntity);
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Scrollable table">
      <table className="w-full text-sm" data-testid="field-mapping">
        <caption className="sr-only">Where each field of a {mapping.entity} record comes from; required fields first</caption>
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-medium">Field</th>
            <th scope="col" className="pr-3 font-medium">Comes from</th>
            <th scope="col" className="pr-3 font-medium">Constant / template</th>
            <th scope="col" className="font-medium">First row</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((row) => {
            const source = mapping.fields[row.field];
            const choice = choiceOf(source);
            // A saved mapping may name a column this file lacks: keep it selectable (and visibly missing) rather than lose it.
            const missingColumn = choice.type === "column" && !headers.includes(choice.column) ? choice.column : null;
            return (
              <tr key={row.field} data-testid="field-row" data-field={row.field} className={problems.has(row.field) ? "bg-rose-50" : undefined}>
                <td className="py-1.5 pr-3 align-middle">
                  <span className="font-mono text-xs">{row.field}</span>{" "}
                  {row.required && <Badge className="bg-amber-50 text-amber-900 ring-amber-300">required</Badge>}
                  <span className="block text-[11px] text-slate-500">{row.values ? row.values.join(" / ") : row.kind}</span>
                </td>
                <td className="py-1.5 pr-3">
                  <Select
                    aria-label={`Source of ${row.field}${row.required ? " (required)" : ""}`}
                    value={choiceValue(choice)}
                    onChange={(e) => onChange(withFieldSource(mapping, row.field, sourceForChoice(parseChoiceValue(e.target.value), source, row.kind)))}
                    aria-invalid={problems.has(row.field) || undefined}
                    className="py-1 text-xs"
                  >
                    <option value="none">— not mapped —</option>
                    <optgroup label="Column">
                      {headers.map((h) => (
                        <option key={h} value={`col:${h}`}>
                          {h}
                        </option>
                      ))}
                      {missingColumn && <option value={`col:${missingColumn}`}>{missingColumn} (not in this file)</option>}
                    </optgroup>
                    <option value="constant">Constant value…</option>
                    <option value="template">Template of columns…</option>
                    {(row.kind === "date" || choice.type === "context") && <option value="context">Time of import</option>}
                  </Select>
                </td>
                <td className="py-1.5 pr-3">
                  {source && ("constant" in source || "template" in source) ? (
                    <ValueInput key={`${mapping.entity}-${row.field}-${choice.type}`} row={row} source={source} onChange={(s) => onChange(withFieldSource(mapping, row.field, s))} />
                  ) : (
                    <span className="text-xs text-slate-500">—</span>
                  )}
                </td>
                <td className="max-w-48 truncate py-1.5 text-xs text-slate-600" title={example(source, firstRow)}>
                  {example(source, firstRow)}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
