import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { caseDigestState, decideDigest, fingerprintState, type DigestItem } from "@/lib/domain/notify/digest";

const now = new Date("2026-12-06T07:00:00Z");
const caseState = (over: Partial<Parameters<typeof caseDigestState>[0]> = {}) =>
  caseDigestState({ status: "OPEN", severity: "HIGH", escalationLevel: 0, slaDueAt: new Date("2026-12-07T00:00:00Z"), assigneeId: "u1", snoozedAt: null, writeBackFailedAt: null, now, ...over });
const item = (key: string, state: DigestItem["state"]): DigestItem => ({ key, section: "cases", title: key, detail: "", link: `/cases/${key}`, state });

describe("digest fingerprints", () => {
  it("do not depend on the order of the state's fields", () => {
    assert.equal(fingerprintState({ a: 1, b: "x" }), fingerprintState({ b: "x", a: 1 }));
    assert.notEqual(fingerprintState({ a: 1 }), fingerprintState({ a: 2 }));
  });

  it("ignore what drifts on every detection run but see what a person acts on", () => {
    const base = fingerprintState(caseState());
    // The SLA due time slides with each rescore: only crossing it counts.
    assert.equal(fingerprintState(caseState({ slaDueAt: new Date("2026-12-08T00:00:00Z") })), base);
    assert.notEqual(fingerprintState(caseState({ slaDueAt: new Date("2026-12-06T06:00:00Z") })), base, "breached");
    assert.notEqual(fingerprintState(caseState({ severity: "CRITICAL" })), base);
    assert.notEqual(fingerprintState(caseState({ status: "PENDING_APPROVAL" })), base);
    assert.notEqual(fingerprintState(caseState({ escalationLevel: 1 })), base);
    assert.notEqual(fingerprintState(caseState({ snoozedAt: now })), base);
    assert.notEqual(fingerprintState(caseState({ writeBackFailedAt: now })), base);
  });
});

describe("decideDigest", () => {
  it("stays quiet with nothing before and nothing now", () => {
    const d = decideDigest({}, []);
    assert.equal(d.send, false);
    assert.deepEqual(d.fingerprints, {});
  });

  it("sends the first digest with every item marked new", () => {
    const d = decideDigest({}, [item("case:1", caseState()), item("approval:9", { status: "PENDING_APPROVAL", level: 1, revision: 1 })]);
    assert.equal(d.send, true);
    assert.deepEqual(d.added, ["case:1", "approval:9"]);
    assert.deepEqual(d.marks, { "case:1": "new", "approval:9": "new" });
  });

  it("stays quiet when every item has the fingerprint last reported", () => {
    const items = [item("case:1", caseState()), item("case:2", caseState({ severity: "LOW" }))];
    const first = decideDigest({}, items);
    const second = decideDigest(first.fingerprints, items);
    assert.equal(second.send, false);
    assert.deepEqual(second.marks, { "case:1": "unchanged", "case:2": "unchanged" });
    assert.deepEqual([second.added, second.changed, second.removed], [[], [], []]);
  });

  it("sends when one item changed, marking only that one", () => {
    const first = decideDigest({}, [item("case:1", caseState()), item("case:2", caseState())]);
    const d = decideDigest(first.fingerprints, [item("case:1", caseState()), item("case:2", caseState({ escalationLevel: 1 }))]);
    assert.equal(d.send, true);
    assert.deepEqual(d.changed, ["case:2"]);
    assert.equal(d.marks["case:1"], "unchanged");
  });

  it("sends when an item left the list (resolved, decided, reassigned) and reports it as removed", () => {
    const first = decideDigest({}, [item("case:1", caseState()), item("case:2", caseState())]);
    const d = decideDigest(first.fingerprints, [item("case:1", caseState())]);
    assert.equal(d.send, true);
    assert.deepEqual(d.removed, ["case:2"]);
    assert.deepEqual(Object.keys(d.fingerprints), ["case:1"]);
  });

  it("sends when a new item joins an otherwise unchanged list", () => {
    const first = decideDigest({}, [item("case:1", caseState())]);
    const d = decideDigest(first.fingerprints, [item("case:1", caseState()), item("writeback:7", { status: "FAILED", attempts: 5 })]);
    assert.equal(d.send, true);
    assert.deepEqual(d.added, ["writeback:7"]);
  });
});
