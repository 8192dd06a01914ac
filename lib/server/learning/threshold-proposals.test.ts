/**
 * Integration: the learning loop end to end on a clone of the seeded database. A hand-built year of
 * ASN_OVERDUE outcomes (asnGraceDays = 1) → the proposal 1 → 5 days with the right counts and $ →
 * an admin accepts it → a new scoring version with the evidence in its note, audited with before and
 * after → the next detection run no longer raises the demo's ASN_OVERDUE findings (2–4 days past ETA).
 * Also: recomputing is idempotent, a changed history supersedes a proposal, a dismissed change is not
 * proposed again, and planners are refused by every function.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { clearOutcomeHistory, insertHistoryCase, type HistoryCase } from "@/lib/testing/learning-history";
import type { ProposalEvidence } from "@/lib/server/learning/threshold-proposals";
import type { ScoringParams } from "@/lib/domain/score/config";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  dal: typeof import("@/lib/server/dal/rule-tuning");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
  verify: typeof import("@/lib/server/audit/verify-audit-chain").verifyAuditChain;
  detect: typeof import("@/lib/server/pipeline/run-detection").runDetectionPipeline;
};

const DAY = 86_400_000;
const now = new Date();
const daysAgo = (d: number) => new Date(now.getTime() - d * DAY);
const viewer = async (id: string) => (await mod.loadViewer(mod.prisma, id))!;
const expectCode = (p: Promise<unknown>, code: string, message?: RegExp) =>
  assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });

const numbers: Record<string, number> = {};
async function add(name: string, h: Omit<HistoryCase, "siteId" | "openedAt" | "resolvedAt"> & Partial<HistoryCase>) {
  const c = await insertHistoryCase(mod.prisma, { siteId: "loc_dc_atl", openedAt: daysAgo(40), resolvedAt: daysAgo(38), ...h }, "usr_planner");
  numbers[name] = c.number;
  return c;
}
const asn = (value: number) => [{ key: "asnGraceDays", value }];
const openAsnOverdue = () => mod.prisma.exception.count({ where: { type: "ASN_OVERDUE", clearedAt: null } });

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    dal: await import("@/lib/server/dal/rule-tuning"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
    verify: (await import("@/lib/server/audit/verify-audit-chain")).verifyAuditChain,
    detect: (await import("@/lib/server/pipeline/run-detection")).runDetectionPipeline,
  };
  await clearOutcomeHistory(mod.prisma);
  // Peak days past ETA: dismissed 1.5 … 12 ($100 … $700), acted on 7, 9, 15 ($1k, $2k, $3k), one closed without action,
  // one cleared on its own, one duplicate, one dismissed case stored before comparisons existed (3.25 days from its
  // exception's evidence), one dismissed outside the year, and one dismissed case whose action was approved (acted on).
  const dismissed = [1.5, 2.5, 3, 3.5, 4.5, 4.8, 12];
  for (const [i, v] of dismissed.entries()) await add(`d${v}`, { primaryType: "ASN_OVERDUE", resolutionCode: "NOT_AN_ISSUE", exposure: 100 * (i + 1), triggers: asn(v) });
  for (const [i, v] of [7, 9, 15].entries()) {
    await add(`a${v}`, { primaryType: "ASN_OVERDUE", resolutionCode: "ACTION_CONFIRMED", exposure: 1000 * (i + 1), triggers: asn(v), actions: [{ type: "EXPEDITE", status: "APPROVED" }] });
  }
  await add("noAction", { primaryType: "ASN_OVERDUE", resolutionCode: "SOURCE_DATA_ERROR", exposure: 50, triggers: asn(2.2) });
  await add("cleared", { primaryType: "ASN_OVERDUE", resolutionCode: null, resolutionReason: "CONDITION_CLEARED", exposure: 10, triggers: asn(1.1) });
  await add("duplicate", { primaryType: "ASN_OVERDUE", resolutionCode: "DUPLICATE", exposure: 5, triggers: asn(2) });
  await add("legacy", {
    primaryType: "ASN_OVERDUE",
    resolutionCode: "NOT_AN_ISSUE",
    exposure: 250,
    lastScoredAt: new Date("2026-10-20T06:00:00Z"),
    resolvedAt: daysAgo(30),
    exceptions: [{ type: "ASN_OVERDUE", evidence: { eta: "2026-10-17", graceDays: 1, asnNumber: "ASN-OLD" } }],
  });
  await add("old", { primaryType: "ASN_OVERDUE", resolutionCode: "NOT_AN_ISSUE", exposure: 999, triggers: asn(2), openedAt: daysAgo(420), resolvedAt: daysAgo(400) });
  await add("rejectedThenDismissed", { primaryType: "ASN_OVERDUE", resolutionCode: "NOT_AN_ISSUE", exposure: 0, triggers: asn(30), actions: [{ type: "EXPEDITE", status: "REJECTED" }] });
});

after(async () => {
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("rule outcomes and the ASN_OVERDUE proposal", () => {
  test("outcome counts per rule over the last year", async () => {
    const admin = await viewer("usr_admin");
    const t = await mod.dal.getRuleTuning(admin, now);
    const row = t.rules.find((r) => r.stats.ruleType === "ASN_OVERDUE")!;
    // Dismissed: 7 + legacy + the one whose action was rejected; acted on 3; no action 1.
    assert.deepEqual(row.stats.counts, { DISMISSED: 9, NO_ACTION: 1, ACTED_ON: 3, CLEARED: 1, EXCLUDED: 1 });
    assert.equal(row.stats.usd.DISMISSED, 100 + 200 + 300 + 400 + 500 + 600 + 700 + 250);
    assert.equal(row.stats.judged, 13);
    assert.equal(row.trigger.state, "TRIGGERED");
    assert.deepEqual(row.threshold, { key: "asnGraceDays", value: 1 });
    assert.equal(t.rules.length >= 25, true, "every rule is listed, with or without history");
    assert.equal(t.rules.find((r) => r.stats.ruleType === "STOCKOUT_NOW")?.trigger.state, "SMALL_SAMPLE");
  });

  test("recomputing proposes asnGraceDays 1 → 5 with the replay's numbers, and is idempotent", async () => {
    const admin = await viewer("usr_admin");
    const first = await mod.dal.recomputeThresholdProposals(admin);
    assert.equal(first.created, 1);
    const [p] = await mod.prisma.thresholdProposal.findMany({ where: { status: "OPEN" } });
    assert.equal(p.ruleType, "ASN_OVERDUE");
    assert.equal(p.thresholdKey, "asnGraceDays");
    assert.equal(p.currentValue, 1);
    assert.equal(p.proposedValue, 5);
    const e = p.evidence as unknown as ProposalEvidence;
    // At 5 days: dismissed 1.5, 2.5, 3, 3.5, 4.5, 4.8 and the legacy 3.25 ($2,350), the no-action 2.2, the cleared 1.1, the duplicate 2.
    assert.deepEqual(e.draft.suppressed, { cases: 10, usd: 2415, dismissed: 7, dismissedUsd: 2350, actedOn: 0, actedOnUsd: 0, noAction: 1, cleared: 1, excluded: 1 });
    assert.equal(e.draft.population.dismissed, 9);
    assert.equal(e.draft.population.actedOn, 3);
    assert.equal(e.draft.notReplayable, 0);
    assert.ok(e.draft.dismissedSuppressed.some((c) => c.number === numbers.legacy && Math.abs((c.value ?? 0) - 3.25) < 1e-9), "the legacy case is replayed from its evidence");
    assert.deepEqual(
      e.draft.candidates.map((c) => [c.threshold, c.suppressed.dismissed, c.suppressed.actedOn, c.eligible]),
      [[2, 1, 0, false], [3, 3, 0, true], [4, 5, 0, true], [5, 7, 0, true], [12, 8, 2, false], [30, 9, 3, false]],
    );
    assert.equal(e.outcomes.judged, 13);
    const created = await mod.prisma.auditEntry.findMany({ where: { entityType: "ThresholdProposal", entityId: p.id } });
    assert.deepEqual(created.map((a) => [a.action, a.actorId]), [["threshold_proposal.created", "usr_admin"]]);

    const again = await mod.dal.recomputeThresholdProposals(admin);
    assert.deepEqual([again.created, again.refreshed, again.superseded], [0, 1, 0]);
    assert.equal(await mod.prisma.thresholdProposal.count(), 1);
    assert.equal(await mod.prisma.auditEntry.count({ where: { entityType: "ThresholdProposal" } }), 1);
  });

  test("a planner can neither read rule tuning nor recompute, accept or dismiss", async () => {
    const planner = await viewer("usr_planner");
    const [p] = await mod.prisma.thresholdProposal.findMany({ where: { status: "OPEN" } });
    await expectCode(mod.dal.getRuleTuning(planner), "FORBIDDEN");
    await expectCode(mod.dal.recomputeThresholdProposals(planner), "FORBIDDEN");
    await expectCode(mod.dal.acceptThresholdProposal(planner, { id: p.id }), "FORBIDDEN");
    await expectCode(mod.dal.dismissThresholdProposal(planner, { id: p.id, reason: "no" }), "FORBIDDEN");
    assert.equal((await mod.prisma.thresholdProposal.findUniqueOrThrow({ where: { id: p.id } })).status, "OPEN");
  });

  test("accepting creates the next scoring version with the evidence in its note, audited; detection then stops raising the findings", async () => {
    const admin = await viewer("usr_admin");
    const [p] = await mod.prisma.thresholdProposal.findMany({ where: { status: "OPEN" } });
    const before = (await mod.prisma.scoringConfig.findFirst({ orderBy: { version: "desc" } }))!;
    const demoOverdue = await mod.prisma.$queryRawUnsafe<{ value: number }[]>(
      `SELECT (c."ruleTriggers" -> e.fingerprint ->> 'value')::float8 AS value FROM "Exception" e JOIN "Case" c ON c.id = e."caseId" WHERE e.type = 'ASN_OVERDUE' AND e."clearedAt" IS NULL`,
    );
    assert.ok(demoOverdue.length > 0, "the demo has open ASN_OVERDUE findings");
    assert.ok(demoOverdue.every((r) => r.value > 1 && r.value <= 5), `all within the suppressed range: ${demoOverdue.map((r) => r.value)}`);

    const { version } = await mod.dal.acceptThresholdProposal(admin, { id: p.id, note: "Carriers scan late at DC-ATL" });
    assert.equal(version, before.version + 1);
    const row = (await mod.prisma.scoringConfig.findUniqueOrThrow({ where: { version } }))!;
    assert.equal((row.params as ScoringParams).rules.asnGraceDays, 5);
    assert.equal(row.createdById, "usr_admin");
    assert.match(row.note!, /^Rule tuning: asnGraceDays 1 → 5 for ASN_OVERDUE\. Replay of 365 days: would have suppressed 10 past case\(s\) worth \$2,415 — 7 dismissed as not an issue \(\$2,350\), 0 acted on \(\$0\), 1 closed without action\. Proposal \S+\. Carriers scan late at DC-ATL$/);
    assert.deepEqual(await mod.prisma.scoringConfig.findUnique({ where: { version: before.version } }), before, "the previous version is untouched");

    const accepted = await mod.prisma.thresholdProposal.findUniqueOrThrow({ where: { id: p.id } });
    assert.deepEqual([accepted.status, accepted.acceptedVersion, accepted.decidedById, accepted.decisionNote], ["ACCEPTED", version, "usr_admin", "Carriers scan late at DC-ATL"]);
    const [cfgAudit] = await mod.prisma.auditEntry.findMany({ where: { entityType: "ScoringConfig", entityId: String(version) } });
    assert.equal(cfgAudit.action, "scoring_config.created");
    assert.equal((cfgAudit.before as ScoringParams).rules.asnGraceDays, 1);
    assert.equal((cfgAudit.after as ScoringParams & { fromProposal: string }).rules.asnGraceDays, 5);
    assert.equal((cfgAudit.after as { fromProposal: string }).fromProposal, p.id);
    const decision = await mod.prisma.auditEntry.findFirstOrThrow({ where: { entityType: "ThresholdProposal", entityId: p.id, action: "threshold_proposal.accepted" } });
    assert.deepEqual([decision.before, decision.after], [{ status: "OPEN", asnGraceDays: 1, scoringVersion: before.version }, { status: "ACCEPTED", asnGraceDays: 5, scoringVersion: version }]);

    const tuned = (await mod.dal.getRuleTuning(admin)).rules.find((r) => r.stats.ruleType === "ASN_OVERDUE")!;
    assert.deepEqual([tuned.threshold?.value, tuned.lastDecision?.status, tuned.lastDecision?.proposedValue, tuned.lastDecision?.acceptedVersion], [5, "ACCEPTED", 5, version]);

    await expectCode(mod.dal.acceptThresholdProposal(admin, { id: p.id }), "CONFLICT", /already accepted/);
    await expectCode(mod.dal.dismissThresholdProposal(admin, { id: p.id, reason: "too late" }), "CONFLICT");

    // The next detection run uses the new version: the 2–4-day ASN_OVERDUE findings are no longer raised.
    assert.ok((await openAsnOverdue()) > 0);
    const run = await mod.detect(mod.prisma, new Date());
    assert.equal(run.configVersion, version);
    assert.equal(await openAsnOverdue(), 0);
    // The cases they formed alone are resolved as cleared.
    const cleared = await mod.prisma.case.count({ where: { primaryType: "ASN_OVERDUE", status: "RESOLVED", resolutionReason: "CONDITION_CLEARED", causeKey: { startsWith: "poline:" } } });
    assert.ok(cleared > 0);

    // With 5 days in force no other value separates the rest: nothing new is proposed for the rule.
    const after = await mod.dal.recomputeThresholdProposals(admin);
    assert.equal(after.created, 0);
    assert.ok(after.noProposal.some((n) => n.ruleType === "ASN_OVERDUE"));
  });
});

describe("superseding and dismissing", () => {
  const spike = (name: string, outcome: "NOT_AN_ISSUE" | "ACTION_CONFIRMED", value: number) =>
    add(name, { primaryType: "DEMAND_SPIKE", resolutionCode: outcome, exposure: 10, triggers: [{ key: "demandSpikeK", value }], actions: outcome === "ACTION_CONFIRMED" ? [{ type: "REALLOCATE", status: "APPROVED" }] : [] });

  test("a changed history supersedes the open proposal; a dismissed change is not proposed again", async () => {
    const admin = await viewer("usr_admin");
    // demandSpikeK = 4: dismissed spikes 4.2 … 6, acted-on spikes 10, 12, 14 → 6×.
    for (const [i, v] of [4.2, 4.4, 4.5, 4.8, 5, 5.2, 5.5, 6].entries()) await spike(`s${i}`, "NOT_AN_ISSUE", v);
    for (const [i, v] of [10, 12, 14].entries()) await spike(`sa${i}`, "ACTION_CONFIRMED", v);
    await mod.dal.recomputeThresholdProposals(admin);
    const first = await mod.prisma.thresholdProposal.findFirstOrThrow({ where: { status: "OPEN", ruleType: "DEMAND_SPIKE" } });
    assert.deepEqual([first.currentValue, first.proposedValue], [4, 6]);

    await spike("s7a", "NOT_AN_ISSUE", 6.8);
    await spike("s7b", "NOT_AN_ISSUE", 7);
    const r = await mod.dal.recomputeThresholdProposals(admin);
    assert.deepEqual([r.created, r.superseded], [1, 1]);
    const superseded = await mod.prisma.thresholdProposal.findUniqueOrThrow({ where: { id: first.id } });
    assert.equal(superseded.status, "SUPERSEDED");
    assert.match(superseded.decisionNote!, /Replaced by a proposal of demandSpikeK 4 → 7/);
    const second = await mod.prisma.thresholdProposal.findFirstOrThrow({ where: { status: "OPEN", ruleType: "DEMAND_SPIKE" } });
    assert.equal(second.proposedValue, 7);

    await expectCode(mod.dal.dismissThresholdProposal(admin, { id: second.id, reason: " " }), "INVALID");
    await mod.dal.dismissThresholdProposal(admin, { id: second.id, reason: "Promotions make spikes real" });
    const dismissed = await mod.prisma.thresholdProposal.findUniqueOrThrow({ where: { id: second.id } });
    assert.deepEqual([dismissed.status, dismissed.decisionNote, dismissed.decidedById], ["DISMISSED", "Promotions make spikes real", "usr_admin"]);
    const audit = await mod.prisma.auditEntry.findFirstOrThrow({ where: { entityId: second.id, action: "threshold_proposal.dismissed" } });
    assert.equal(audit.reason, "Promotions make spikes real");

    const again = await mod.dal.recomputeThresholdProposals(admin);
    assert.equal(again.created, 0);
    assert.equal(await mod.prisma.thresholdProposal.count({ where: { status: "OPEN", ruleType: "DEMAND_SPIKE" } }), 0);
  });

  test("a proposal computed against another threshold value is refused on accept", async () => {
    const admin = await viewer("usr_admin");
    await spike("s8", "NOT_AN_ISSUE", 7.4);
    await spike("s9", "NOT_AN_ISSUE", 7.5);
    await mod.dal.recomputeThresholdProposals(admin);
    const p = await mod.prisma.thresholdProposal.findFirstOrThrow({ where: { status: "OPEN", ruleType: "DEMAND_SPIKE" } });
    assert.equal(p.proposedValue, 7.5);
    // Someone changes the threshold by hand meanwhile.
    const { saveScoringVersion, getScoringSettings } = await import("@/lib/server/dal/detection-settings");
    const { current, currentVersion } = await getScoringSettings(admin);
    await saveScoringVersion(admin, { baseVersion: currentVersion, params: { ...current, rules: { ...current.rules, demandSpikeK: 4.5 } }, note: "manual change" });
    await expectCode(mod.dal.acceptThresholdProposal(admin, { id: p.id }), "CONFLICT", /demandSpikeK changed since this proposal was computed \(now 4\.5\)/);
    assert.equal((await mod.prisma.thresholdProposal.findUniqueOrThrow({ where: { id: p.id } })).status, "OPEN");
  });

  test("the audit chain still verifies", async () => {
    assert.equal((await mod.verify(mod.prisma)).ok, true);
  });
});
