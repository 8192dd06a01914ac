/**
 * 997 functional acknowledgment for one received interchange: one ST*997 per functional group (AK1), AK2/AK5 per
 * transaction set (A accepted, E accepted with errors, R rejected) with AK3/AK4 for segment/element errors, AK9 per
 * group. Sender and receiver are swapped, the delimiters are the ones received, control numbers are passed in (the
 * caller owns their sequence) and so is "now" — the builder is pure.
 */
import type { X12Error } from "./errors";
import type { GroupSummary, InterchangeSummary, SetResult } from "./model";
import { ccyymmdd, hhmm, writeIsa, writeSegment, yymmdd } from "./writer";

export interface Ack997Input {
  summary: InterchangeSummary;
  /** ISA13 and GS06 of the acknowledgment itself. */
  interchangeControlNumber: number;
  groupControlNumber: number;
  now: Date;
  /** Put a line break after each terminator (readability; ignored by parsers). */
  lineBreaks?: boolean;
}

const SET_STATUS = { accepted: "A", "accepted-with-errors": "E", rejected: "R" } as const;

/** null when there is nothing a 997 can acknowledge (no envelope, or no functional group). */
export function buildAck997(input: Ack997Input): string | null {
  const { summary, now } = input;
  const h = summary.header;
  if (!h.enveloped || summary.groups.length === 0) return null;
  const received = h.separators;
  const seps = { ...received, component: received.component ?? (received.element === ">" ? ":" : ">"), segment: received.segment + (input.lineBreaks && received.segment !== "\n" ? "\n" : "") };
  const segment = (...elements: (string | number)[]) => writeSegment(elements, seps);
  const gsControl = String(input.groupControlNumber);
  const out: string[] = [];

  out.push(
    writeIsa(
      ["00", "", "00", "", h.receiverQualifier, h.receiverId, h.senderQualifier, h.senderId, yymmdd(now), hhmm(now), h.isa11 || "U", h.version, String(input.interchangeControlNumber), "0", h.usage || "P"],
      seps,
    ),
  );
  const first = summary.groups[0].header;
  out.push(segment("GS", "FA", first.receiverCode, first.senderCode, ccyymmdd(now), hhmm(now), gsControl, "X", first.version));
  summary.groups.forEach((group, i) => out.push(...ackForGroup(group, String(i + 1).padStart(4, "0"), segment)));
  out.push(segment("GE", summary.groups.length, gsControl));
  out.push(segment("IEA", 1, String(input.interchangeControlNumber).padStart(9, "0")));
  return out.join("");
}

function ackForGroup(group: GroupSummary, stControl: string, segment: (...e: (string | number)[]) => string): string[] {
  const body: string[] = [segment("AK1", group.header.functionalId, group.header.controlNumber)];
  for (const set of group.sets) body.push(...ackForSet(set, segment));
  const accepted = group.sets.filter((s) => s.status !== "rejected").length;
  const groupCodes = group.errors.map((e) => e.ack.group).filter((c): c is string => !!c).slice(0, 5);
  const status = accepted === 0 && group.sets.length > 0 ? "R" : accepted < group.sets.length ? "P" : groupCodes.length || group.sets.some((s) => s.status === "accepted-with-errors") ? "E" : "A";
  body.push(segment("AK9", status, group.sets.length, group.sets.length, accepted, ...groupCodes));
  const st = segment("ST", "997", stControl);
  const se = segment("SE", body.length + 2, stControl);
  return [st, ...body, se];
}

function ackForSet(set: SetResult, segment: (...e: (string | number)[]) => string): string[] {
  const lines = [segment("AK2", set.id, set.controlNumber)];
  const problems = [...set.errors, ...set.warnings.filter((w) => w.ack.segment || w.ack.set)];
  const segmentProblems = problems.filter((p) => p.ack.segment && p.setPosition != null);
  let last: X12Error | null = null;
  for (const p of segmentProblems) {
    if (!last || last.setPosition !== p.setPosition || last.segmentId !== p.segmentId) {
      lines.push(segment("AK3", p.segmentId ?? "", p.setPosition!, "", p.ack.segment!));
    }
    if (p.ack.element && p.elementPosition != null) lines.push(segment("AK4", p.elementPosition, "", p.ack.element, p.elementValue ?? ""));
    last = p;
  }
  const setCodes = problems.map((p) => p.ack.set).filter((c): c is string => !!c);
  if (set.status === "rejected" && segmentProblems.length) setCodes.push("5");
  lines.push(segment("AK5", SET_STATUS[set.status], ...[...new Set(setCodes)].slice(0, 5)));
  return lines;
}
