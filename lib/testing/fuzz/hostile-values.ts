/**
 * Strings that have broken parsers, databases, spreadsheets and browsers before: prototype keys, NUL and lone
 * surrogates, numbers past int4/int8/float limits, impossible dates, and injection payloads (SQL, HTML/script, CSV
 * formulas). Arbitraries mix them with random text so shrinking lands on the one that matters.
 */
import fc from "fast-check";

/** The injection payloads the product must store verbatim and show inertly (also used by the browser test). */
export const INJECTION_PAYLOADS = {
  sql: `'; DROP TABLE "Case"; --`,
  img: `<img src=x onerror=alert(1)>`,
  script: `<script>alert("xss")</script>`,
  hyperlink: `=HYPERLINK("http://evil.example","x")`,
  plusCmd: `+cmd|' /C calc'!A0`,
  minus: `-1+1`,
  atSum: `@SUM(1+1)*cmd|' /C calc'!A0`,
} as const;

export const PROTOTYPE_KEYS = ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf", "prototype", "__defineGetter__"] as const;

export const EDGE_NUMBERS = [
  "0", "-0", "-1", "2147483647", "2147483648", "-2147483649", "9007199254740993", "99999999999999999999", "1e308", "1e309",
  "-1e309", "NaN", "Infinity", "0x10", "1_000", "1.5e-400", "1,5", "٣", "１２",
] as const;

export const EDGE_DATES = ["00000000", "99999999", "20261399", "20260230", "19000101", "00010101", "999912312359", "2026-02-30", "+275760-09-13", "-271821-04-20"] as const;

export const CONTROL_CHARS = ["\u0000", "\u0007", "\b", "\u001b[2J", "\u2028", "\u2029", "\uFEFF", "\u202E", "\uD800", "\uDFFF", "\uFFFD", "\r", "\n", "\t"] as const;

const fixed = [...Object.values(INJECTION_PAYLOADS), ...PROTOTYPE_KEYS, ...EDGE_NUMBERS, ...EDGE_DATES, ...CONTROL_CHARS, "", " ", "😀", "ǅ", "İ"];

/** One hostile string: a known-bad value, random unicode (lone surrogates included), or a long run of one char. */
export const hostileString = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...fixed) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 20 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...fixed), fc.string({ maxLength: 8 })).map(([a, b]) => a + b) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom("A", "9", " ", "\u0000", "é"), fc.integer({ min: 200, max: 70_000 })).map(([c, n]) => c.repeat(n)) },
  );

/** Arbitrary JSON-ish values, biased towards hostile strings and edge numbers (for schema fuzzing). */
export const hostileJson = (maxDepth = 3): fc.Arbitrary<unknown> =>
  fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: "small", maxDepth },
      hostileString(),
      fc.double(),
      fc.integer(),
      fc.bigInt().map((b) => Number(b)),
      fc.constantFrom(null, true, false, undefined, Number.MAX_SAFE_INTEGER + 2, -0, 1e21, Number.NaN, Number.POSITIVE_INFINITY),
      fc.array(tie("value"), { maxLength: 4 }),
      fc.dictionary(fc.oneof(fc.constantFrom(...PROTOTYPE_KEYS), fc.string({ maxLength: 10 })), tie("value"), { maxKeys: 4 }),
    ),
  })).value;
