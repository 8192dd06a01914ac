/**
 * Integration: approval policy versions — version 1 (the default) stored on first use, admins save
 * new versions with a note (audited before/after, stale or empty saves refused, field errors named),
 * and decisions record the version in force when they were made.
 */
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import type PgBoss from "pg-boss";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { DEFAULT_APPROVAL_POLICY, type ApprovalPolicy } from "@/lib/domain/approval/policy";

let db: TestDatabase;
let mod: {
  prisma: typeof import("@/lib/server/db").prisma;
  policy: typeof import("@/lib/server/dal/approval-policy");
  actions: typeof import("@/lib/server/dal/case-actions");
  loadViewer: typeof import("@/lib/server/auth/load-viewer").loadViewer;
};

const viewer = async (id: string) => {
  const v = await mod.loadViewer(mod.prisma, id);
  assert.ok(v);
  return v;
};

const expectAppError = async (p: Promise<unknown>, code: string, message?: RegExp) => {
  await assert.rejects(p, (e: unknown) => {
    assert.equal((e as { code?: string }).code, code, String(e));
    if (message) assert.match((e as Error).message, message);
    return true;
  });
};

before(async () => {
  db = await createTestDatabase("seeded");
  process.env.DATABASE_URL = db.url;
  mod = {
    prisma: (await import("@/lib/server/db")).prisma,
    policy: await import("@/lib/server/dal/approval-policy"),
    actions: await import("@/lib/server/dal/case-actions"),
    loadViewer: (await import("@/lib/server/auth/load-viewer")).loadViewer,
  };
});

after(async () => {
  const queue = (globalThis as unknown as { workbenchQueue?: Promise<PgBoss> }).workbenchQueue;
  if (queue) await (await queue).stop({ graceful: false, wait: true }).catch(() => {});
  await mod?.prisma.$disconnect();
  await db?.drop();
});

describe("approval policy versions", () => {
  test("version 1 is stored once on first use, even when two first uses race", async () => {
    assert.equal(await mod.prisma.approvalPolicyVersion.count(), 0);
    const [a, b] = await Promise.all([mod.policy.loadActivePolicy(mod.prisma), mod.policy.loadActivePolicy(mod.prisma)]);
    assert.equal(a.version, 1);
    assert.deepEqual(b, a);
    assert.deepEqual(a, DEFAULT_APPROVAL_POLICY);
    assert.equal(await mod.prisma.approvalPolicyVersion.count(), 1);
  });

  test("admins save new versions with a note; the audit row has before and after; decisions record the version", async () => {
    const admin = await viewer("usr_admin");
    const planner = await viewer("usr_planner");
    const supervisor = await viewer("usr_supervisor");
    const c = await mod.prisma.case.findFirstOrThrow({ where: { status: "OPEN", site: { code: "DC-ATL" }, itemId: { not: null } }, orderBy: { score: "desc" } });
    const proposed = await mod.actions.proposeAction(planner, { caseId: c.id, type: "RECOUNT", quantity: 2, note: "Count under v1" });
    assert.equal(proposed.policyVersion, 1);

    const next: ApprovalPolicy = structuredClone(DEFAULT_APPROVAL_POLICY);
    next.expiryHours = 24;
    next.rules[0].when.valueAboveUsd = 2_000;

    await expectAppError(mod.policy.saveApprovalPolicyVersion(supervisor, { baseVersion: 1, policy: next, note: "not mine" }), "FORBIDDEN");
    await expectAppError(mod.policy.saveApprovalPolicyVersion(admin, { baseVersion: 1, policy: next, note: " " }), "INVALID", /why you change/);
    await expectAppError(mod.policy.saveApprovalPolicyVersion(admin, { baseVersion: null, policy: next, note: "stale" }), "CONFLICT", /Version 1 was saved after you opened/);
    await expectAppError(mod.policy.saveApprovalPolicyVersion(admin, { baseVersion: 1, policy: DEFAULT_APPROVAL_POLICY, note: "same" }), "INVALID", /Nothing changed/);
    await assert.rejects(mod.policy.saveApprovalPolicyVersion(admin, { baseVersion: 1, policy: { ...next, expiryHours: 0, rules: [{ ...next.rules[0], levels: [] }] }, note: "broken" }), (e: unknown) => {
      const fields = (e as InstanceType<typeof mod.policy.PolicyValidationError>).fieldErrors;
      assert.ok(fields?.expiryHours?.length, JSON.stringify(fields));
      assert.ok(fields?.["rules.0.levels"]?.length, JSON.stringify(fields));
      return true;
    });

    assert.deepEqual(await mod.policy.saveApprovalPolicyVersion(admin, { baseVersion: 1, policy: next, note: "Tighter adjustments after the Q3 audit" }), { version: 2 });
    const audit = await mod.prisma.auditEntry.findFirstOrThrow({ where: { action: "approval_policy.created", entityId: "2" } });
    assert.equal(audit.reason, "Tighter adjustments after the Q3 audit");
    assert.equal((audit.before as ApprovalPolicy).expiryHours, 72);
    assert.equal((audit.after as ApprovalPolicy).expiryHours, 24);
    assert.equal((audit.after as ApprovalPolicy).version, 2);

    const settings = await mod.policy.getApprovalPolicySettings(admin);
    assert.equal(settings.currentVersion, 2);
    assert.equal(settings.current.expiryHours, 24);
    assert.deepEqual(settings.history.map((h) => h.version), [2, 1]);
    assert.deepEqual(settings.history[0].changes?.map((ch) => ch.path).sort(), ["expiryHours", "rules.adjust-over-5k.when.valueAboveUsd"]);
    assert.equal(settings.history[0].createdBy, "Alex Admin");
    assert.equal(settings.history[1].changes, null);
    await expectAppError(mod.policy.getApprovalPolicySettings(planner), "FORBIDDEN");

    // The request proposed under v1 is decided under v2; both versions are on record.
    await mod.actions.decideAction(supervisor, { actionId: proposed.id, decision: "APPROVE" });
    const approval = await mod.prisma.actionApproval.findFirstOrThrow({ where: { actionId: proposed.id } });
    assert.equal(approval.policyVersion, 2);
    const decided = await mod.prisma.auditEntry.findFirstOrThrow({ where: { entityId: proposed.id, action: "action.approved" } });
    assert.deepEqual([(decided.after as { policyVersion: number }).policyVersion, (decided.after as { proposedUnderPolicyVersion: number }).proposedUnderPolicyVersion], [2, 1]);

    // New proposals use v2: 24 h expiry.
    const c2 = await mod.prisma.case.findFirstOrThrow({ where: { status: "OPEN", site: { code: "DC-ATL" }, itemId: { not: null } }, orderBy: { score: "desc" } });
    const v2 = await mod.actions.proposeAction(planner, { caseId: c2.id, type: "RECOUNT", quantity: 2, note: "Count under v2" });
    assert.equal(v2.policyVersion, 2);
    assert.ok(v2.expiresAt && Math.abs(v2.expiresAt.getTime() - v2.requestedAt.getTime() - 24 * 3_600_000) < 1000);
  });

  test("a stored version that no longer passes the schema stops approvals instead of guessing", async () => {
    await mod.prisma.approvalPolicyVersion.create({ data: { version: 3, policy: { rules: "broken" }, note: "hand-edited" } });
    await expectAppError(mod.policy.loadActivePolicy(mod.prisma), "CONFLICT", /version 3 is not valid/);
    const settings = await mod.policy.getApprovalPolicySettings(await viewer("usr_admin"));
    assert.equal(settings.currentValid, false);
    assert.equal(settings.current.version, 2, "the editor starts from the newest valid version");
  });
});
