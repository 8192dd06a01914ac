/** Expectations for the notification (own preferences, admin channels) and rule-tuning server actions. See access-matrix.test.ts. */
import type { ActionExpectation, Cell } from "@/lib/testing/access-matrix/types";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { BUILT_IN_PREFERENCES } from "@/lib/domain/notify/preferences";
import { encryptSecrets } from "@/lib/server/ingest/secrets";
import { currentScoringParams } from "@/lib/server/pipeline/run-detection";

const SLACK_URL = "https://hooks.slack.com/services/TMATRIX/BMATRIX/matrixtoken";
const json = (v: unknown) => v as Prisma.InputJsonValue;

const admin = (changes: string[], sample: ActionExpectation["sample"], note?: string): ActionExpectation => ({ permission: "admin.manage", siteScoped: false, changes, sample, note });
/** Own preferences need no role permission, only a session: every role manages how it is told. */
const own = (changes: string[], sample: ActionExpectation["sample"], note: string): ActionExpectation => ({ permission: "signed-in", siteScoped: false, changes, sample, note });

async function teamChannel({ prisma, fx }: Cell) {
  return prisma.notificationWebhook.create({
    data: { name: `Matrix channel ${fx.next()}`, channel: "SLACK", urlSecret: encryptSecrets({ url: SLACK_URL }), urlHint: "hooks.slack.com …oken", kinds: ["NEW_CRITICAL_CASE"], siteIds: [], teams: [] },
    select: { id: true },
  });
}

async function failedDelivery({ prisma }: Cell) {
  return prisma.notificationDelivery.create({
    data: { channel: "EMAIL", kind: "TEST", status: "FAILED", attempts: 5, lastError: "matrix: refused", message: json({ kind: "TEST", title: "matrix", body: "", link: "/" }) },
    select: { id: true },
  });
}

/** Give the actor their own chat webhook (and optionally a stored matrix), as the settings page would have. */
async function ownPreferenceRow(prisma: PrismaClient, userId: string, withMatrix: boolean) {
  const data = { chatChannel: "SLACK" as const, chatUrlSecret: encryptSecrets({ url: SLACK_URL }), chatUrlHint: "hooks.slack.com …oken", ...(withMatrix ? { matrix: json(BUILT_IN_PREFERENCES.matrix), digest: false } : {}) };
  await prisma.notificationPreference.upsert({ where: { userId }, create: { userId, ...data }, update: data });
}

/**
 * An OPEN proposal against today's asnGraceDays (so accepting it is valid at sample time) with the
 * smallest evidence the page and the accept path read.
 */
async function openProposal({ prisma }: Cell) {
  const params = await currentScoringParams(prisma);
  const current = params.rules.asnGraceDays as number;
  const suppressed = { cases: 0, usd: 0, dismissed: 0, dismissedUsd: 0, actedOn: 0, actedOnUsd: 0, noAction: 0, noActionUsd: 0 };
  const evidence = { window: { days: 365 }, outcomes: { counts: {} }, overrides: [], draft: { suppressed, population: {}, candidates: [], dismissedSuppressed: [], actedOnLost: [] } };
  return prisma.thresholdProposal.create({
    data: { ruleType: "ASN_OVERDUE", thresholdKey: "asnGraceDays", currentValue: current, proposedValue: current + 1, baseVersion: params.version, evidence: json(evidence) },
    select: { id: true },
  });
}

export const NOTIFY_LEARNING_ACTIONS: Record<string, ActionExpectation> = {
  saveMyPreferencesAction: own(["NotificationPreference", "AuditEntry"], async () => ({ matrix: BUILT_IN_PREFERENCES.matrix, digest: false }), "the viewer's own preferences"),
  resetMyPreferencesAction: own(
    ["NotificationPreference", "AuditEntry"],
    async ({ prisma, actor }) => {
      await ownPreferenceRow(prisma, actor.id, true);
      return undefined;
    },
    "the viewer's own preferences",
  ),
  setMyChatWebhookAction: own(["NotificationPreference", "AuditEntry"], async () => ({ channel: "SLACK", url: SLACK_URL }), "the viewer's own webhook"),
  clearMyChatWebhookAction: own(
    ["NotificationPreference", "AuditEntry"],
    async ({ prisma, actor }) => {
      await ownPreferenceRow(prisma, actor.id, false);
      return undefined;
    },
    "the viewer's own webhook",
  ),
  sendMyTestNotificationAction: own(
    ["NotificationDelivery"],
    async ({ prisma, actor }) => {
      await ownPreferenceRow(prisma, actor.id, false);
      return undefined;
    },
    "to the viewer's own webhook",
  ),
  saveNotificationDefaultsAction: admin(["NotificationSettings", "AuditEntry"], async ({ fx }) => ({ matrix: BUILT_IN_PREFERENCES.matrix, digest: true, slaWarningMinutes: 30 + fx.next() })),
  createTeamWebhookAction: admin(["NotificationWebhook", "AuditEntry"], async ({ fx }) => ({
    name: `Matrix new channel ${fx.next()}`,
    channel: "SLACK",
    kinds: ["NEW_CRITICAL_CASE"],
    siteIds: [],
    teams: [],
    enabled: true,
    url: SLACK_URL,
  })),
  updateTeamWebhookAction: admin(["NotificationWebhook", "AuditEntry"], async (cell) => ({
    id: (await teamChannel(cell)).id,
    name: `Matrix renamed channel ${cell.fx.next()}`,
    channel: "SLACK",
    kinds: ["SLA_AT_RISK"],
    siteIds: [],
    teams: [],
    enabled: false,
  })),
  deleteTeamWebhookAction: admin(["NotificationWebhook", "AuditEntry"], async (cell) => ({ id: (await teamChannel(cell)).id })),
  testTeamWebhookAction: admin(["NotificationDelivery"], async (cell) => ({ id: (await teamChannel(cell)).id })),
  retryDeliveryAction: admin(["NotificationDelivery", "AuditEntry"], async (cell) => ({ id: (await failedDelivery(cell)).id })),
  recomputeProposalsAction: admin([], async () => undefined, "proposes only what the seeded history supports (may be nothing); threshold-proposals.test.ts checks the numbers"),
  acceptProposalAction: admin(["ThresholdProposal", "ScoringConfig", "AuditEntry"], async (cell) => ({ id: (await openProposal(cell)).id, note: "matrix accept" })),
  dismissProposalAction: admin(["ThresholdProposal", "AuditEntry"], async (cell) => ({ id: (await openProposal(cell)).id, reason: "matrix dismiss" })),
};
