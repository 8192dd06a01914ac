/** Expectations for the admin server actions: detection, policies, data sources, imports. See access-matrix.test.ts. */
import type { ActionExpectation } from "@/lib/testing/access-matrix/types";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import { loadActivePolicy } from "@/lib/server/dal/approval-policy";
import { SECRET_PREFIX } from "@/lib/testing/access-matrix/fixtures";

const admin = (changes: string[], sample: ActionExpectation["sample"], note?: string): ActionExpectation => ({ permission: "admin.manage", siteScoped: false, changes, sample, note });

const latestScoring = (prisma: PrismaClient) => prisma.scoringConfig.findFirstOrThrow({ orderBy: { version: "desc" } });

const rule = (name: string) => ({ name, enabled: true, types: [], siteIds: [], supplierCodes: "", minScore: null, team: "matrix", assigneeId: null });
const itemMapping = { entity: "item", fields: { sku: { column: "sku" }, name: { column: "name" } } };

export const ADMIN_ACTIONS: Record<string, ActionExpectation> = {
  runDetectionAction: {
    permission: "detection.run",
    siteScoped: false,
    changes: ["job", "AuditEntry"],
    // At most one detect job waits (pg-boss "stately"): clear the one an earlier cell queued.
    sample: async ({ prisma }) => {
      await prisma.$executeRawUnsafe(`DELETE FROM pgboss.job WHERE name = 'detect' AND state = 'created'`);
      return undefined;
    },
  },
  saveApprovalPolicyAction: admin(["ApprovalPolicyVersion", "AuditEntry"], async ({ prisma, fx }) => {
    const current = await loadActivePolicy(prisma);
    return { baseVersion: current.version, note: "matrix policy change", policy: { ...current, expiryHours: 24 + (fx.next() % 500) } };
  }),
  saveScoringParamsAction: admin(["ScoringConfig", "AuditEntry"], async ({ prisma }) => {
    const latest = await latestScoring(prisma);
    const params = structuredClone(latest.params) as { rules: { poAckDays: number } };
    params.rules.poAckDays += 1;
    return { baseVersion: latest.version, note: "matrix threshold change", params };
  }),
  restoreScoringVersionAction: admin(["ScoringConfig", "AuditEntry"], async ({ prisma }) => {
    // A newer version to restore away from, so the restore always changes something.
    const latest = await latestScoring(prisma);
    const params = structuredClone(latest.params) as { rules: { poAckDays: number } };
    params.rules.poAckDays += 1;
    await prisma.scoringConfig.create({ data: { version: latest.version + 1, params, note: "matrix fixture" } });
    return { version: latest.version, baseVersion: latest.version + 1, note: "matrix restore" };
  }),
  createRoutingRuleAction: admin(["RoutingRule", "AuditEntry"], async ({ fx }) => rule(`Matrix new rule ${fx.next()}`)),
  updateRoutingRuleAction: admin(["RoutingRule", "AuditEntry"], async ({ fx }) => ({ id: (await fx.routingRule()).id, ...rule(`Matrix renamed ${fx.next()}`) })),
  setRoutingRuleEnabledAction: admin(["RoutingRule", "AuditEntry"], async ({ fx }) => ({ id: (await fx.routingRule()).id, enabled: false })),
  moveRoutingRuleAction: admin(["RoutingRule", "AuditEntry"], async ({ fx }) => ({ id: (await fx.routingRule()).id, direction: "up" })),
  deleteRoutingRuleAction: admin(["RoutingRule", "AuditEntry"], async ({ fx }) => ({ id: (await fx.routingRule()).id })),
  createDataSourceAction: admin(["DataSource", "AuditEntry"], async ({ fx }) => ({ code: `MATRIX-NEW-${fx.next()}`, name: "Matrix new source", kind: "csv", slaMinutes: 60, config: {} })),
  updateDataSourceAction: admin(["DataSource", "AuditEntry"], async ({ fx }) => ({ sourceId: await fx.csvSource(), name: `Matrix CSV ${fx.next()}`, slaMinutes: 60, enabled: true, config: {} })),
  setSecretsAction: admin(["DataSource", "AuditEntry"], async ({ prisma, fx }) => {
    const odoo = await prisma.dataSource.create({ data: { code: `MATRIX-ODOO-${fx.next()}`, name: "Matrix Odoo", kind: "odoo", enabled: false } });
    return { sourceId: odoo.id, secrets: { apiKey: `${SECRET_PREFIX}${fx.next()}` } };
  }),
  requestSyncAction: admin(["SyncRun", "job", "AuditEntry"], async ({ prisma, fx }) => {
    const source = await fx.pullSource();
    // A run still queued from an earlier cell would make this one a no-op ("already running").
    await prisma.syncRun.updateMany({ where: { sourceId: source.id, status: { in: ["QUEUED", "RUNNING"] } }, data: { status: "SUCCEEDED", finishedAt: new Date() } });
    return { sourceId: source.id };
  }),
  getRunAction: admin([], async ({ fx }) => ({ runId: (await fx.syncRun()).id }), "read"),
  replayPayloadAction: admin(["SyncRun", "RawPayload", "job", "AuditEntry"], async ({ fx }) => ({ payloadId: (await fx.csvUpload()).id })),
  replayQuarantinedAction: admin(["QuarantinedRecord"], async ({ fx }) => {
    const q = await fx.quarantined();
    return { id: q.id, recordJson: JSON.stringify({ sku: `MATRIX-FIXED-${fx.next()}`, name: "Fixed by the matrix" }) };
  }),
  discardQuarantinedAction: admin(["QuarantinedRecord", "AuditEntry"], async ({ fx }) => ({ id: (await fx.quarantined()).id, reason: "matrix discard" })),
  previewUploadAction: admin([], async ({ fx }) => ({ payloadId: (await fx.csvUpload()).id, entity: "item" }), "read"),
  startImportAction: admin(["SyncRun", "RawPayload", "job", "AuditEntry"], async ({ fx }) => ({ payloadId: (await fx.csvUpload()).id, mapping: itemMapping, saveMapping: false })),
  startEdiImportAction: admin(["SyncRun", "RawPayload", "job", "AuditEntry"], async ({ fx }) => ({ payloadId: (await fx.ediUpload()).id })),
  getUploadedFileAction: admin([], async ({ fx }) => ({ payloadId: (await fx.csvUpload()).id }), "read"),
};
