/**
 * Envelope state machine: segments in, events out. Checks ISA/IEA, GS/GE, ST/SE pairing, counts and control numbers,
 * segment ids, the set's beginning segment and the syntax notes, and decides per transaction set whether it is
 * accepted. A set is held only until its SE, so memory stays flat however long the file. Group and interchange
 * trailers arrive after their sets were released: their errors are reported on the summary (and in the 997's AK9),
 * they do not recall sets already accepted.
 */
import { X12Error, type X12ErrorDetails } from "./errors";
import type { GroupHeader, GroupSummary, InterchangeHeader, InterchangeSummary, SetResult, X12Event, X12Segment } from "./model";
import type { Separators } from "./separators";
import { BEGINNING_SEGMENT } from "./set-rules";
import { KNOWN_SEGMENT_IDS, SEGMENT_ID_PATTERN } from "./segment-ids";
import { checkSyntaxNotes } from "./syntax-notes";
import { printable, type Token } from "./tokenizer";

interface OpenInterchange {
  header: InterchangeHeader;
  position: number;
  groups: GroupSummary[];
  looseSets: SetResult[];
  errors: X12Error[];
  warnings: X12Error[];
}

interface OpenGroup {
  summary: GroupSummary;
  controlNumbers: Set<string>;
}

interface OpenSet {
  id: string;
  controlNumber: string;
  segments: X12Segment[];
  errors: X12Error[];
  warnings: X12Error[];
}

const v = (elements: readonly string[], n: number) => (elements[n] ?? "").trim();

export class EnvelopeReader {
  private ic: OpenInterchange | null = null;
  private group: OpenGroup | null = null;
  private set: OpenSet | null = null;
  private pendingWarnings: X12Error[] = [];
  private interchangeOrdinal = 0;
  private groupOrdinal = 0;

  push(token: Token): X12Event[] {
    const events: X12Event[] = [];
    if (token.kind === "warning") this.pendingWarnings.push(token.warning);
    else if (token.kind === "fatal") {
      this.closeAll(events);
      events.push({ type: "fatal", error: token.error });
    } else this.onSegment(token.elements, token.separators, token.terminatorMissing, events);
    return events;
  }

  finish(): X12Event[] {
    const events: X12Event[] = [];
    this.closeAll(events);
    return events;
  }

  private onSegment(elements: string[], seps: Separators, terminatorMissing: boolean, events: X12Event[]) {
    const id = elements[0];
    if (id === "ISA") {
      if (this.ic) this.closeAll(events);
      this.openInterchange(elements, seps, events);
      if (terminatorMissing) this.warnTerminator(this.ic!, "ISA", 1, null);
      return;
    }
    if (!this.ic) this.openBareInterchange(seps, events);
    const ic = this.ic!;
    const position = ++ic.position;
    const segment: X12Segment = { id, elements, position, setPosition: null };

    switch (id) {
      case "GS":
        if (this.set) this.closeSet(null, position, events);
        if (this.group) this.closeGroup(null, position);
        this.openGroup(elements);
        break;
      case "ST":
        if (this.set) this.closeSet(null, position, events);
        this.openSet(segment);
        break;
      case "SE":
        if (!this.set) {
          ic.errors.push(this.error({ code: "UNEXPECTED_SEGMENT", message: `SE at segment ${position} of the interchange has no ST before it`, segmentId: id, interchangePosition: position }));
        } else {
          segment.setPosition = this.set.segments.length + 1;
          this.set.segments.push(segment);
          this.closeSet(segment, position, events);
        }
        break;
      case "GE":
        if (this.set) this.closeSet(null, position, events);
        if (!this.group) {
          ic.errors.push(this.error({ code: "UNEXPECTED_SEGMENT", message: `GE at segment ${position} of the interchange has no GS before it`, segmentId: id, interchangePosition: position }));
        } else this.closeGroup(elements, position);
        break;
      case "IEA":
        if (this.set) this.closeSet(null, position, events);
        if (this.group) this.closeGroup(null, position);
        this.closeInterchange(elements, position, events);
        return;
      default:
        if (this.set) this.addToSet(segment);
        else {
          ic.errors.push(
            this.error({
              code: "UNEXPECTED_SEGMENT",
              message: `segment ${id} at position ${position} of the interchange is outside any transaction set (no ST before it)`,
              segmentId: id,
              interchangePosition: position,
            }),
          );
        }
    }
    if (terminatorMissing) this.warnTerminator(ic, id, position, segment.setPosition);
  }

  private warnTerminator(ic: OpenInterchange, id: string, position: number, setPosition: number | null) {
    const warning = this.error({
      code: "SEGMENT_TERMINATOR_MISSING",
      severity: "warning",
      message: `segment terminator '${printable(ic.header.separators.segment)}' missing after ${id} (segment ${position} of the interchange); the line break was taken as the end of the segment`,
      segmentId: id,
      interchangePosition: position,
      setPosition,
    });
    (this.set && setPosition != null ? this.set.warnings : ic.warnings).push(warning);
  }

  private openInterchange(elements: string[], separators: Separators, events: X12Event[]) {
    const header: InterchangeHeader = {
      ordinal: ++this.interchangeOrdinal,
      enveloped: true,
      controlNumber: v(elements, 13) || null,
      senderQualifier: v(elements, 5),
      senderId: v(elements, 6),
      receiverQualifier: v(elements, 7),
      receiverId: v(elements, 8),
      date: v(elements, 9),
      time: v(elements, 10),
      isa11: elements[11] ?? "",
      version: v(elements, 12),
      ackRequested: v(elements, 14),
      usage: v(elements, 15),
      separators,
    };
    this.ic = { header, position: 1, groups: [], looseSets: [], errors: [], warnings: this.pendingWarnings };
    this.pendingWarnings = [];
    if (elements.length !== 17) {
      this.ic.errors.push(
        this.error({ code: "ISA_MALFORMED", message: `ISA has ${elements.length - 1} elements; it must have exactly 16`, segmentId: "ISA", interchangePosition: 1 }),
      );
    }
    events.push({ type: "interchange-start", interchange: header });
  }

  private openBareInterchange(separators: Separators, events: X12Event[]) {
    const header: InterchangeHeader = {
      ordinal: ++this.interchangeOrdinal,
      enveloped: false,
      controlNumber: null,
      senderQualifier: "",
      senderId: "",
      receiverQualifier: "",
      receiverId: "",
      date: "",
      time: "",
      isa11: "",
      version: "",
      ackRequested: "0",
      usage: "",
      separators,
    };
    this.ic = { header, position: 0, groups: [], looseSets: [], errors: [], warnings: this.pendingWarnings };
    this.pendingWarnings = [];
    events.push({ type: "interchange-start", interchange: header });
  }

  private openGroup(elements: string[]) {
    const header: GroupHeader = {
      ordinal: ++this.groupOrdinal,
      functionalId: v(elements, 1),
      senderCode: v(elements, 2),
      receiverCode: v(elements, 3),
      date: v(elements, 4),
      time: v(elements, 5),
      controlNumber: v(elements, 6),
      agency: v(elements, 7),
      version: v(elements, 8),
    };
    this.group = { summary: { header, sets: [], errors: [] }, controlNumbers: new Set() };
  }

  private openSet(st: X12Segment) {
    st.setPosition = 1;
    const set: OpenSet = { id: v(st.elements, 1), controlNumber: v(st.elements, 2), segments: [st], errors: [], warnings: [] };
    this.set = set;
    if (!/^\d{3}$/.test(set.id)) {
      set.errors.push(this.error({ code: "MANDATORY_ELEMENT_MISSING", message: `ST01 '${set.id}' is not a transaction set identifier (three digits)`, segmentId: "ST", interchangePosition: st.position, setPosition: 1, elementPosition: 1, elementValue: set.id, ack: { set: "6" } }));
    }
    if (!/^[A-Za-z0-9]{4,9}$/.test(set.controlNumber)) {
      set.errors.push(this.error({ code: "MANDATORY_ELEMENT_MISSING", message: `ST02 '${set.controlNumber}' is not a valid control number (4 to 9 characters)`, segmentId: "ST", interchangePosition: st.position, setPosition: 1, elementPosition: 2, elementValue: set.controlNumber, ack: { set: "7" } }));
    }
    if (!this.group && this.ic!.header.enveloped) {
      set.errors.push(this.error({ code: "UNEXPECTED_SEGMENT", message: `ST at segment ${st.position} of the interchange is outside a functional group (no GS before it)`, segmentId: "ST", interchangePosition: st.position, setPosition: 1, ack: { segment: "2" } }));
    }
  }

  private addToSet(segment: X12Segment) {
    const set = this.set!;
    const setPosition = set.segments.length + 1;
    segment.setPosition = setPosition;
    set.segments.push(segment);
    const at = { segmentId: segment.id, interchangePosition: segment.position, setPosition };
    if (setPosition === 2) {
      const expected = BEGINNING_SEGMENT[set.id];
      if (expected && segment.id !== expected) {
        set.errors.push(this.error({ code: "MANDATORY_SEGMENT_MISSING", message: `transaction set ${set.id} must begin with ${expected}, found ${describeSegment(segment)}`, ...at, segmentId: expected, ack: { segment: "3" } }));
      }
    }
    if (!SEGMENT_ID_PATTERN.test(segment.id)) {
      set.errors.push(this.error({ code: "INVALID_SEGMENT_ID", message: `'${segment.id}' at segment ${setPosition} of the set is not a segment id (2-3 upper-case letters/digits)`, ...at, ack: { segment: "1" } }));
      return;
    }
    if (!KNOWN_SEGMENT_IDS.has(segment.id)) {
      set.errors.push(this.error({ code: "UNKNOWN_SEGMENT", message: `unrecognized segment id ${describeSegment(segment)}`, ...at, ack: { segment: "1" } }));
      return;
    }
    for (const violation of checkSyntaxNotes(segment.elements)) {
      set.errors.push(
        this.error({
          code: "SYNTAX_NOTE",
          message: `${describeSegment(segment)}: syntax note ${violation.note} violated: ${violation.explanation}`,
          ...at,
          elementPosition: violation.elementPosition,
          elementValue: segment.elements[violation.elementPosition] ?? "",
          ack: { segment: "8", element: violation.ak4Code },
        }),
      );
    }
  }

  private closeSet(se: X12Segment | null, position: number, events: X12Event[]) {
    const set = this.set!;
    this.set = null;
    const ic = this.ic!;
    if (se) {
      const declared = v(se.elements, 1);
      if (String(set.segments.length) !== declared.replace(/^0+(?=\d)/, "")) {
        set.errors.push(this.error({ code: "SE_COUNT_MISMATCH", message: `SE01 says ${declared || "nothing"} but the set has ${set.segments.length} segments (ST through SE)`, segmentId: "SE", interchangePosition: se.position, setPosition: se.setPosition, elementPosition: 1, elementValue: declared, ack: { set: "4" } }, set));
      }
      const trailerControl = v(se.elements, 2);
      if (trailerControl !== set.controlNumber) {
        set.errors.push(this.error({ code: "SE_CONTROL_MISMATCH", message: `SE02 '${trailerControl}' does not match ST02 '${set.controlNumber}'`, segmentId: "SE", interchangePosition: se.position, setPosition: se.setPosition, elementPosition: 2, elementValue: trailerControl, ack: { set: "3" } }, set));
      }
    } else {
      set.errors.push(this.error({ code: "SE_MISSING", message: `transaction set ${set.id} ${set.controlNumber} has no SE trailer (next envelope segment at position ${position} of the interchange)`, segmentId: "SE", interchangePosition: position, ack: { set: "2" } }, set));
    }
    if (this.group) {
      if (this.group.controlNumbers.has(set.controlNumber)) {
        set.warnings.push(this.error({ code: "ST_CONTROL_DUPLICATE", severity: "warning", message: `ST02 '${set.controlNumber}' is used by an earlier set of the same group; control numbers must be unique within a group`, segmentId: "ST", interchangePosition: set.segments[0].position, setPosition: 1, elementPosition: 2, elementValue: set.controlNumber, ack: { set: "23" } }, set));
      }
      this.group.controlNumbers.add(set.controlNumber);
    }
    const status = set.errors.length ? "rejected" : set.warnings.some((w) => w.ack.set || w.ack.segment) ? "accepted-with-errors" : "accepted";
    const result: SetResult = { id: set.id, controlNumber: set.controlNumber, status, errors: set.errors, warnings: set.warnings };
    (this.group ? this.group.summary.sets : ic.looseSets).push(result);
    events.push({ type: "set", set: { ...result, interchange: ic.header, group: this.group?.summary.header ?? null, segments: set.segments } });
  }

  private closeGroup(ge: string[] | null, position: number) {
    const group = this.group!;
    this.group = null;
    const summary = group.summary;
    const gs = summary.header.controlNumber;
    const at = { segmentId: "GE", interchangePosition: position };
    if (ge) {
      const declared = v(ge, 1);
      if (declared !== String(summary.sets.length)) {
        summary.errors.push(this.error({ code: "GE_COUNT_MISMATCH", message: `GE01 says ${declared || "nothing"} but group ${gs} has ${summary.sets.length} transaction sets`, ...at, elementPosition: 1, elementValue: declared, controlNumbers: { gs }, ack: { group: "5" } }));
      }
      const trailer = v(ge, 2);
      if (trailer !== gs) {
        summary.errors.push(this.error({ code: "GE_CONTROL_MISMATCH", message: `GE02 '${trailer}' does not match GS06 '${gs}'`, ...at, elementPosition: 2, elementValue: trailer, controlNumbers: { gs }, ack: { group: "4" } }));
      }
    } else {
      summary.errors.push(this.error({ code: "GE_MISSING", message: `functional group ${gs} has no GE trailer (next envelope segment at position ${position} of the interchange)`, ...at, controlNumbers: { gs }, ack: { group: "3" } }));
    }
    this.ic!.groups.push(summary);
  }

  private closeInterchange(iea: string[] | null, position: number, events: X12Event[]) {
    const ic = this.ic!;
    this.ic = null;
    const isa = ic.header.controlNumber;
    if (ic.header.enveloped) {
      if (iea) {
        const declared = v(iea, 1);
        if (declared !== String(ic.groups.length)) {
          ic.errors.push(this.error({ code: "IEA_COUNT_MISMATCH", message: `IEA01 says ${declared || "nothing"} but interchange ${isa} has ${ic.groups.length} functional groups`, segmentId: "IEA", interchangePosition: position, elementPosition: 1, elementValue: declared, controlNumbers: { isa } }));
        }
        const trailer = v(iea, 2);
        if (trailer !== isa) {
          ic.errors.push(this.error({ code: "IEA_CONTROL_MISMATCH", message: `IEA02 '${trailer}' does not match ISA13 '${isa}'`, segmentId: "IEA", interchangePosition: position, elementPosition: 2, elementValue: trailer, controlNumbers: { isa } }));
        }
      } else {
        ic.errors.push(this.error({ code: "IEA_MISSING", message: `interchange ${isa} has no IEA trailer`, segmentId: "IEA", interchangePosition: position, controlNumbers: { isa } }));
      }
    }
    const summary: InterchangeSummary = { header: ic.header, groups: ic.groups, looseSets: ic.looseSets, errors: ic.errors, warnings: ic.warnings };
    events.push({ type: "interchange-end", summary });
  }

  private closeAll(events: X12Event[]) {
    if (!this.ic) return;
    const position = this.ic.position + 1;
    if (this.set) this.closeSet(null, position, events);
    if (this.group) this.closeGroup(null, position);
    this.closeInterchange(null, position, events);
  }

  /** Builds an X12Error stamped with the control numbers of where the reader is (or of `set`). */
  private error(d: X12ErrorDetails, set: OpenSet | null = this.set): X12Error {
    return new X12Error({
      ...d,
      controlNumbers: {
        isa: this.ic?.header.controlNumber ?? null,
        gs: this.group?.summary.header.controlNumber ?? null,
        st: set?.controlNumber ?? null,
        ...d.controlNumbers,
      },
    });
  }
}

function describeSegment(segment: X12Segment): string {
  return `${segment.id} (segment ${segment.setPosition} of the set, ${segment.position} of the interchange)`;
}
