/** Helpers every transaction-set transform shares: element access, positions, dates, units, parties, loops. */
import type { CanonicalEntity, CanonicalRecord, RecordIssue } from "@/lib/domain/canonical/records";
import type { X12Config } from "../config";
import type { InterchangeHeader, TransactionSet, X12Segment } from "../model";
import { own } from "@/lib/utils/own";

export interface SetContext {
  set: TransactionSet;
  config: X12Config;
  /** Record version (see interchangeVersion). */
  version: number;
}

/** Trimmed value of element n (PO1 → el(seg, 7) = PO107); "" when absent. */
export const el = (seg: X12Segment | undefined, n: number): string => (seg?.elements[n] ?? "").trim();

export const elementName = (seg: X12Segment, n: number) => `${seg.id}${String(n).padStart(2, "0")}`;

/** "ISA 000000905 / GS 1 / ST 0001 / segment 4 (BEG)" — segment = ordinal in the interchange (ISA = 1). */
export function positionOf(set: TransactionSet, seg?: X12Segment): string {
  const parts: string[] = [];
  if (set.interchange.controlNumber) parts.push(`ISA ${set.interchange.controlNumber}`);
  // A damaged ISA without a control number: its ordinal still tells two interchanges of one file apart.
  else if (set.interchange.enveloped) parts.push(`interchange ${set.interchange.ordinal}`);
  if (set.group) parts.push(`GS ${set.group.controlNumber}`);
  parts.push(`ST ${set.controlNumber}`);
  if (seg) parts.push(`segment ${seg.position} (${seg.id})`);
  return parts.join(" / ");
}

export const externalIdOf = (set: TransactionSet) =>
  [set.interchange.controlNumber, set.group?.controlNumber, set.controlNumber].filter(Boolean).join(":");

/**
 * Version of everything in an interchange: minutes since epoch of ISA09/ISA10, then the ISA13 control number, so a
 * later interchange (or a later one in the same minute) wins. Bare sets without an envelope get 0.
 */
export function interchangeVersion(header: InterchangeHeader): number {
  if (!header.enveloped) return 0;
  const iso = x12Date(header.date, header.time);
  const minutes = iso ? Math.floor(Date.parse(iso) / 60_000) : 0;
  const control = Number.parseInt(header.controlNumber ?? "0", 10);
  return minutes * 1e8 + (Number.isFinite(control) ? control % 1e8 : 0);
}

/** CCYYMMDD or YYMMDD (+ HHMM[SS]) → ISO string, null when it is not a real date. */
export function x12Date(date: string, time = ""): string | null {
  let y: number, m: number, d: number;
  if (/^\d{8}$/.test(date)) [y, m, d] = [+date.slice(0, 4), +date.slice(4, 6), +date.slice(6, 8)];
  else if (/^\d{6}$/.test(date)) {
    const yy = +date.slice(0, 2);
    [y, m, d] = [yy < 50 ? 2000 + yy : 1900 + yy, +date.slice(2, 4), +date.slice(4, 6)];
  } else return null;
  const t = /^\d{4,8}$/.test(time) ? time : "0000";
  const hh = +t.slice(0, 2), mm = +t.slice(2, 4), ss = t.length >= 6 ? +t.slice(4, 6) : 0;
  const ms = Date.UTC(y, m - 1, d, hh, mm, ss);
  const check = new Date(ms);
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== m - 1 || check.getUTCDate() !== d || hh > 23 || mm > 59) return null;
  return check.toISOString();
}

/** X12 R/N values: optional sign, digits, optional decimal point and exponent. Not JS's Number() ("0x10" is 16 there). */
const X12_NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumber(raw: string): number | null {
  if (!raw || !X12_NUMBER.test(raw)) return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Qualifier/id pairs starting at element `from` (PO106/PO107, PO108/PO109 …). */
export function productIdPairs(seg: X12Segment, from: number): Array<{ qualifier: string; id: string }> {
  const pairs: Array<{ qualifier: string; id: string }> = [];
  for (let i = from; i + 1 < seg.elements.length; i += 2) {
    const qualifier = el(seg, i);
    const id = el(seg, i + 1);
    if (qualifier && id) pairs.push({ qualifier, id });
  }
  return pairs;
}

/** Our SKU from a line's product ids, by the configured qualifier preference (first pair when none is listed). */
export function pickSku(pairs: Array<{ qualifier: string; id: string }>, config: X12Config): string | null {
  for (const q of config.skuQualifiers) {
    const hit = pairs.find((p) => p.qualifier === q);
    if (hit) return hit.id;
  }
  return pairs[0]?.id ?? null;
}

export type Conversion = { ok: true; qty: number; factor: number } | { ok: false; message: string };

/** Quantity in the line's unit → stock units (item-specific factor first, then the source's table). */
export function toStockUnits(qty: number, uom: string, sku: string, config: X12Config, where: string): Conversion {
  const unit = uom.toUpperCase();
  const factor = own(own(config.skuUomFactors, sku), unit) ?? own(config.uomFactors, unit);
  if (!unit) return { ok: false, message: `no unit of measure on ${where}; add the unit or fix the document` };
  if (factor === undefined) return { ok: false, message: `unknown unit of measure '${unit}' on ${where}; add it to the source's UoM table` };
  return { ok: true, qty: round(qty * factor), factor };
}

export const round = (n: number) => Math.round(n * 1e6) / 1e6;

export interface Party {
  code: string;
  name: string;
  idQualifier: string;
  id: string;
  segment: X12Segment;
}

/** N1 parties of a segment range, by entity identifier code (ST, BT, VN, SF, WH…). */
export function partiesIn(segments: readonly X12Segment[]): Map<string, Party> {
  const parties = new Map<string, Party>();
  for (const seg of segments) {
    if (seg.id !== "N1") continue;
    const code = el(seg, 1);
    if (!parties.has(code)) parties.set(code, { code, name: el(seg, 2), idQualifier: el(seg, 3), id: el(seg, 4), segment: seg });
  }
  return parties;
}

/** Our code for a partner's party: the mapping by id, then by name, else the partner's id (or name) as is. */
export function mapParty(party: { id: string; name: string }, map: Record<string, string> | undefined): string | null {
  const byId = party.id ? own(map, party.id) : undefined;
  if (byId) return byId;
  const byName = party.name ? own(map, party.name) : undefined;
  if (byName) return byName;
  return party.id || party.name || null;
}

export function firstParty(parties: Map<string, Party>, codes: readonly string[]): Party | null {
  for (const c of codes) {
    const p = parties.get(c);
    if (p) return p;
  }
  return null;
}

/** Splits segments into loops that each start at a segment with id `startId`, stopping at any id in `stopIds`. */
export function loopsOf(segments: readonly X12Segment[], startId: string, stopIds: readonly string[] = ["CTT", "SE"]): X12Segment[][] {
  const loops: X12Segment[][] = [];
  let current: X12Segment[] | null = null;
  for (const seg of segments) {
    if (stopIds.includes(seg.id)) {
      current = null;
      continue;
    }
    if (seg.id === startId) loops.push((current = [seg]));
    else if (current) current.push(seg);
  }
  return loops;
}

/** DTM dates of a segment range by qualifier (first one wins). */
export function datesIn(segments: readonly X12Segment[], segmentId = "DTM"): Map<string, { iso: string; segment: X12Segment }> {
  const dates = new Map<string, { iso: string; segment: X12Segment }>();
  for (const seg of segments) {
    if (seg.id !== segmentId) continue;
    const iso = x12Date(el(seg, 2), el(seg, 3));
    if (iso && !dates.has(el(seg, 1))) dates.set(el(seg, 1), { iso, segment: seg });
  }
  return dates;
}

export function firstDate(dates: Map<string, { iso: string }>, qualifiers: readonly string[]): string | null {
  for (const q of qualifiers) {
    const d = dates.get(q);
    if (d) return d.iso;
  }
  return null;
}

export function rawSegment(set: TransactionSet, seg: X12Segment): string {
  return seg.elements.join(set.interchange.separators.element);
}

export function makeIssue(ctx: SetContext, entity: CanonicalEntity | "unknown", seg: X12Segment | undefined, field: string | null, message: string): RecordIssue {
  return { entity, position: positionOf(ctx.set, seg), field, message, raw: seg ? rawSegment(ctx.set, seg) : null };
}

export function makeRecord(ctx: SetContext, entity: CanonicalEntity, seg: X12Segment, data: unknown, externalId = externalIdOf(ctx.set)): CanonicalRecord {
  return { entity, version: ctx.version, externalId, data, origin: { position: positionOf(ctx.set, seg) } };
}

/** The interchange/group date as a last-resort document date (GS04/GS05, else ISA09/ISA10). */
export function envelopeDate(set: TransactionSet): string | null {
  return (set.group && x12Date(set.group.date, set.group.time)) || x12Date(set.interchange.date, set.interchange.time);
}
