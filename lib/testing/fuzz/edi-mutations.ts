/**
 * Mutation fuzzing for X12: a real file from ../shared/data is split into segments (bytes, so invalid UTF-8 can be
 * injected) and 1–6 mutations are applied: delete / duplicate / swap segments, corrupt separators, huge elements,
 * hostile element values, invalid UTF-8, random bytes, truncation. Each mutation is plain data, so fast-check
 * shrinks a failure to the smallest list of edits and prints it.
 */
import fc from "fast-check";
import { hostileString } from "./hostile-values";

export type EdiMutation =
  | { op: "delete"; at: number }
  | { op: "duplicate"; at: number }
  | { op: "swap"; at: number; with: number }
  | { op: "element"; at: number; element: number; value: string }
  | { op: "huge-element"; at: number; element: number; length: number; char: string }
  | { op: "separator"; at: number; replacement: string }
  | { op: "terminator"; at: number; replacement: string }
  | { op: "bytes"; at: number; bytes: number[] }
  | { op: "truncate"; at: number };

/** Byte sequences that are not valid UTF-8 (lone continuation, truncated sequence, overlong, surrogate, > U+10FFFF). */
const INVALID_UTF8 = [[0x80], [0xc3], [0xe2, 0x82], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xff, 0xfe], [0x00]];

const position = fc.nat({ max: 10_000 });

export const ediMutation: fc.Arbitrary<EdiMutation> = fc.oneof(
  fc.record({ op: fc.constant("delete" as const), at: position }),
  fc.record({ op: fc.constant("duplicate" as const), at: position }),
  fc.record({ op: fc.constant("swap" as const), at: position, with: position }),
  fc.record({ op: fc.constant("element" as const), at: position, element: fc.nat({ max: 20 }), value: hostileString() }),
  fc.record({
    op: fc.constant("huge-element" as const),
    at: position,
    element: fc.nat({ max: 10 }),
    length: fc.integer({ min: 1_000, max: 150_000 }),
    char: fc.constantFrom("9", "A", " ", "*", "\n"),
  }),
  fc.record({ op: fc.constant("separator" as const), at: position, replacement: fc.constantFrom("", "~", "|", "\n", "*", "A", ":", "^", "\u0000") }),
  fc.record({ op: fc.constant("terminator" as const), at: position, replacement: fc.constantFrom("", "~\n", "\r\n", "*", "~~", "'", "\u0000") }),
  fc.record({ op: fc.constant("bytes" as const), at: position, bytes: fc.oneof(fc.constantFrom(...INVALID_UTF8), fc.array(fc.nat({ max: 255 }), { minLength: 1, maxLength: 16 })) }),
  fc.record({ op: fc.constant("truncate" as const), at: position }),
);

export const ediMutations = fc.array(ediMutation, { minLength: 1, maxLength: 6 });

interface Layout {
  element: number;
  terminator: number;
}

/** Element separator = byte after "ISA", terminator = byte after ISA16 (falls back to '*' and '~'). */
function layoutOf(file: Buffer): Layout {
  const isa = file.indexOf("ISA");
  if (isa < 0) return { element: 0x2a, terminator: 0x7e };
  const element = file[isa + 3];
  let seen = 0;
  for (let i = isa + 3; i < file.length; i++) {
    if (file[i] === element && ++seen === 16) return { element, terminator: file[i + 2] ?? 0x7e };
  }
  return { element, terminator: 0x7e };
}

/** Splits on the terminator byte, keeping it on each segment. */
function segmentsOf(file: Buffer, terminator: number): Buffer[] {
  const out: Buffer[] = [];
  let start = 0;
  for (let i = 0; i < file.length; i++) {
    if (file[i] === terminator) {
      out.push(file.subarray(start, i + 1));
      start = i + 1;
    }
  }
  if (start < file.length) out.push(file.subarray(start));
  return out;
}

function replaceElement(segment: Buffer, layout: Layout, element: number, value: Buffer): Buffer {
  const body = segment.at(-1) === layout.terminator ? segment.subarray(0, -1) : segment;
  const parts: Buffer[] = [];
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    if (i === body.length || body[i] === layout.element) {
      parts.push(body.subarray(start, i));
      start = i + 1;
    }
  }
  // Element 0 is the segment id; never touch it here (that is what "separator" and "bytes" are for).
  const index = 1 + (element % Math.max(1, parts.length - 1));
  while (parts.length <= index) parts.push(Buffer.alloc(0));
  parts[index] = value;
  const joined = Buffer.concat(parts.flatMap((p, i) => (i === 0 ? [p] : [Buffer.from([layout.element]), p])));
  return body === segment ? joined : Buffer.concat([joined, Buffer.from([layout.terminator])]);
}

/** Applies the mutations in order; indexes wrap around the current segment count / byte length. */
export function mutateEdi(file: Buffer, mutations: readonly EdiMutation[]): Buffer {
  const layout = layoutOf(file);
  let segments = segmentsOf(file, layout.terminator);
  for (const m of mutations) {
    if (segments.length === 0) break;
    const i = m.at % segments.length;
    switch (m.op) {
      case "delete":
        segments.splice(i, 1);
        break;
      case "duplicate":
        segments.splice(i, 0, segments[i]);
        break;
      case "swap": {
        const j = m.with % segments.length;
        [segments[i], segments[j]] = [segments[j], segments[i]];
        break;
      }
      case "element":
        segments[i] = replaceElement(segments[i], layout, m.element, Buffer.from(m.value, "utf8"));
        break;
      case "huge-element":
        segments[i] = replaceElement(segments[i], layout, m.element, Buffer.alloc(m.length, m.char));
        break;
      case "separator": {
        const s = segments[i];
        const hits = [...s.keys()].filter((k) => s[k] === layout.element);
        if (hits.length === 0) break;
        const k = hits[m.at % hits.length];
        segments[i] = Buffer.concat([s.subarray(0, k), Buffer.from(m.replacement, "utf8"), s.subarray(k + 1)]);
        break;
      }
      case "terminator": {
        const s = segments[i];
        if (s.at(-1) !== layout.terminator) break;
        segments[i] = Buffer.concat([s.subarray(0, -1), Buffer.from(m.replacement, "utf8")]);
        break;
      }
      case "bytes":
      case "truncate": {
        const whole = Buffer.concat(segments);
        const at = m.at % (whole.length + 1);
        const next = m.op === "truncate" ? whole.subarray(0, at) : Buffer.concat([whole.subarray(0, at), Buffer.from(m.bytes), whole.subarray(at)]);
        segments = segmentsOf(next, layout.terminator);
        break;
      }
    }
  }
  return Buffer.concat(segments);
}

/** Splits a buffer at the given cut points (sorted, de-duplicated) — streaming readers must not care where. */
export function chunked(buffer: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (buffer.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let start = 0;
  for (const p of points) {
    if (p > start) out.push(buffer.subarray(start, p));
    start = Math.max(start, p);
  }
  if (start < buffer.length) out.push(buffer.subarray(start));
  return out;
}
