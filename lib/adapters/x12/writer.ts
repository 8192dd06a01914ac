/** Serialises segments with a given set of delimiters; builds the fixed-width ISA. */
import { ISA_WIDTHS, type Separators } from "./separators";

/** Drops trailing empty elements, joins with the element separator, ends with the terminator. */
export function writeSegment(elements: readonly (string | number)[], seps: Separators): string {
  const values = elements.map(String);
  while (values.length > 1 && values[values.length - 1] === "") values.pop();
  return values.join(seps.element) + seps.segment;
}

/** ISA01..ISA15 padded (right with spaces, control number left with zeros); ISA16 = component separator. */
export function writeIsa(fields: readonly string[], seps: Separators & { component: string }): string {
  const padded = fields.slice(0, 15).map((value, i) => (i === 12 ? value.padStart(9, "0") : value.padEnd(ISA_WIDTHS[i], " ")).slice(0, ISA_WIDTHS[i]));
  return ["ISA", ...padded, seps.component].join(seps.element) + seps.segment;
}

export function yymmdd(d: Date): string {
  return d.toISOString().slice(2, 10).replace(/-/g, "");
}

export function ccyymmdd(d: Date): string {
  return d.toISOString().slice(0, 10).replace(/-/g, "");
}

export function hhmm(d: Date): string {
  return d.toISOString().slice(11, 16).replace(":", "");
}
