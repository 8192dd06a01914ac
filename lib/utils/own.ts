/**
 * record[key] for lookup tables keyed by outside data (partner ids, unit codes, warehouse names): own keys only, so
 * a value such as "constructor" or "__proto__" finds nothing instead of something inherited from Object.prototype.
 */
export function own<T>(record: Readonly<Record<string, T>> | null | undefined, key: string): T | undefined {
  return record != null && Object.hasOwn(record, key) ? record[key] : undefined;
}
