/**
 * X12 syntax notes (relational conditions between elements of one segment) for the segments of the sets we read.
 * Notation as in the standard: a letter and two-digit element positions, e.g. "P0607" = PO106 and PO107 are paired.
 *   P paired: if any is present, all are required        R required: at least one is present
 *   E exclusion: at most one is present                  C conditional: if the first is present, all others are
 *   L list conditional: if the first is present, at least one of the others is
 * Sources: ASC X12 004010 segment directory. Only notes we are sure of are listed; an unlisted segment is not checked.
 */

const range = (from: number, to: number) => Array.from({ length: (to - from) / 2 + 1 }, (_, i) => `P${pad(from + 2 * i)}${pad(from + 2 * i + 1)}`);
const pad = (n: number) => String(n).padStart(2, "0");

export const SYNTAX_NOTES: Readonly<Record<string, readonly string[]>> = {
  ACK: ["P0203", "C0405"],
  CTT: ["P0304", "P0506"],
  DTM: ["R020305", "C0403", "P0506"],
  G62: ["P0102", "P0304"],
  IT1: ["P020304", ...range(6, 24)],
  LIN: range(4, 30),
  N1: ["R0203", "P0304"],
  N4: ["C0605"],
  PER: ["P0304", "P0506", "P0708"],
  PO1: ["C0302", "C0504", ...range(6, 24)],
  PO4: ["C0302", "C0506", "P0607", "P0809", "C1013", "C1113", "C1213", "L13101112", "C1716", "C1804"],
  QTY: ["R0204"],
  REF: ["R0203"],
  SN1: ["P0506"],
  TD1: ["C0102", "P0708"],
  TD5: ["R0204050612", "C0203"],
  W01: ["P0405", "P0607"],
  W07: ["P0405"],
};

export interface SyntaxNoteViolation {
  note: string;
  /** The element the 997 should point at (first missing one, or the second one present for E). */
  elementPosition: number;
  /** AK403: 2 = conditional required data element missing, 10 = exclusion condition violated. */
  ak4Code: "2" | "10";
  explanation: string;
}

interface ParsedNote {
  type: "P" | "R" | "E" | "C" | "L";
  positions: number[];
}

const parsedCache = new Map<string, ParsedNote>();

function parseNote(note: string): ParsedNote {
  let parsed = parsedCache.get(note);
  if (!parsed) {
    const positions = note.slice(1).match(/\d\d/g)!.map(Number);
    parsed = { type: note[0] as ParsedNote["type"], positions };
    parsedCache.set(note, parsed);
  }
  return parsed;
}

/** `elements[0]` is the segment id, `elements[n]` the n-th element. */
export function checkSyntaxNotes(elements: readonly string[]): SyntaxNoteViolation[] {
  const notes = SYNTAX_NOTES[elements[0]];
  if (!notes) return NONE;
  let violations: SyntaxNoteViolation[] | null = null;
  for (const note of notes) {
    const { type, positions } = parseNote(note);
    if (quickPass(type, positions, elements)) continue;
    (violations ??= []).push(explain(note, type, positions, elements));
  }
  return violations ?? NONE;
}

const NONE: SyntaxNoteViolation[] = [];

/** Slow path, only for a violated note: which elements, and why, in words. */
function explain(note: string, type: ParsedNote["type"], positions: number[], elements: readonly string[]): SyntaxNoteViolation {
  const id = elements[0];
  const name = (p: number) => `${id}${pad(p)}`;
  const describe = (p: number) => `${name(p)} '${elements[p].trim()}'`;
  const list = (ps: number[]) => ps.map(name).join(", ");
  const have = positions.filter((p) => isPresent(elements[p]));
  const missing = positions.filter((p) => !isPresent(elements[p]));
  const [first, ...rest] = positions;
  const restMissing = rest.filter((p) => !isPresent(elements[p]));
  switch (type) {
    case "P":
      return {
        note,
        elementPosition: missing[0],
        ak4Code: "2",
        explanation: `${have.map(describe).join(", ")} ${have.length > 1 ? "are" : "is"} present but ${list(missing)} ${missing.length > 1 ? "are" : "is"} missing; ${list(positions)} must be used together (paired)`,
      };
    case "R":
      return { note, elementPosition: positions[0], ak4Code: "2", explanation: `at least one of ${list(positions)} is required and none is present` };
    case "E":
      return { note, elementPosition: have[1], ak4Code: "10", explanation: `${have.map(describe).join(" and ")} are both present; only one of ${list(positions)} may be used (exclusion)` };
    case "C":
      return { note, elementPosition: restMissing[0], ak4Code: "2", explanation: `${describe(first)} is present, so ${list(rest)} ${rest.length > 1 ? "are" : "is"} required, but ${list(restMissing)} ${restMissing.length > 1 ? "are" : "is"} missing (conditional)` };
    case "L":
      return { note, elementPosition: rest[0], ak4Code: "2", explanation: `${describe(first)} is present, so at least one of ${list(rest)} is required, but none is (list conditional)` };
  }
}

/** Allocation-free check for the common case (note satisfied); the slow path only runs to explain a violation. */
function quickPass(type: ParsedNote["type"], positions: number[], elements: readonly string[]): boolean {
  let count = 0;
  for (const p of positions) if (isPresent(elements[p])) count++;
  switch (type) {
    case "P":
      return count === 0 || count === positions.length;
    case "R":
      return count > 0;
    case "E":
      return count <= 1;
    case "C":
      return !isPresent(elements[positions[0]]) || count === positions.length;
    case "L":
      return !isPresent(elements[positions[0]]) || count > 1;
  }
}

function isPresent(value: string | undefined): boolean {
  if (!value) return false;
  for (let i = 0; i < value.length; i++) if (value.charCodeAt(i) !== 32) return true;
  return false;
}
