/**
 * The daily digest's "has anything changed?" decision. Each item on a person's list (a case they own, an
 * approval waiting for them, a failed write-back of theirs) has a state fingerprint built from the fields a
 * person acts on — never from numbers that drift on every detection run (score, SLA due time). The digest is
 * sent only when an item is new, its fingerprint changed, or an item left the list since the last digest;
 * otherwise it stays quiet. Pure: the caller loads the items and the stored fingerprints.
 */

export type DigestSection = "cases" | "approvals" | "writeBacks";

export type DigestItem = {
  /** Stable identity across days, e.g. "case:<id>", "approval:<actionId>", "writeback:<id>". */
  key: string;
  section: DigestSection;
  title: string;
  /** One line under the title (severity, site, SLA, level …). */
  detail: string;
  /** App-relative link. */
  link: string;
  /** The fields whose change is worth telling; fingerprinted. */
  state: Record<string, string | number | boolean | null>;
};

export type ItemMark = "new" | "changed" | "unchanged";

export type DigestDecision = {
  send: boolean;
  marks: Record<string, ItemMark>;
  added: string[];
  changed: string[];
  /** Keys reported last time that are no longer on the list (resolved, decided, reassigned). */
  removed: string[];
  /** The fingerprints to store after this decision (only when sent: a quiet day keeps the last reported state). */
  fingerprints: Record<string, string>;
};

/** Canonical JSON of the state (keys sorted), so the same state always gives the same fingerprint. */
export function fingerprintState(state: DigestItem["state"]): string {
  return JSON.stringify(Object.keys(state).sort().map((k) => [k, state[k]]));
}

/** Decide whether a digest goes out, comparing today's items with the fingerprints stored when the last one was sent. */
export function decideDigest(previous: Readonly<Record<string, string>>, items: readonly DigestItem[]): DigestDecision {
  const marks: Record<string, ItemMark> = {};
  const added: string[] = [];
  const changed: string[] = [];
  const fingerprints: Record<string, string> = {};
  for (const item of items) {
    const fp = fingerprintState(item.state);
    fingerprints[item.key] = fp;
    const before = previous[item.key];
    if (before === undefined) {
      marks[item.key] = "new";
      added.push(item.key);
    } else if (before !== fp) {
      marks[item.key] = "changed";
      changed.push(item.key);
    } else marks[item.key] = "unchanged";
  }
  const removed = Object.keys(previous).filter((k) => !(k in fingerprints)).sort();
  return { send: added.length + changed.length + removed.length > 0, marks, added, changed, removed, fingerprints };
}

/** A case's digest state: what changed for the person (status, severity, escalation, SLA breached, owner, snooze, write-back). */
export function caseDigestState(c: {
  status: string;
  severity: string;
  escalationLevel: number;
  slaDueAt: Date;
  assigneeId: string | null;
  snoozedAt: Date | null;
  writeBackFailedAt: Date | null;
  now: Date;
}): DigestItem["state"] {
  return {
    status: c.status,
    severity: c.severity,
    escalation: c.escalationLevel,
    slaBreached: c.slaDueAt.getTime() < c.now.getTime(),
    assignee: c.assigneeId,
    snoozed: c.snoozedAt !== null,
    writeBackFailed: c.writeBackFailedAt !== null,
  };
}

/** Digest sections in the order they are shown, with their headings. */
export const DIGEST_SECTIONS: readonly { id: DigestSection; heading: string }[] = [
  { id: "approvals", heading: "Approvals waiting for you" },
  { id: "cases", heading: "Your open cases" },
  { id: "writeBacks", heading: "Failed write-backs" },
];
