import "server-only";
/**
 * Detection settings admin: versioned scoring parameters (a save is always a new ScoringConfig row, never an edit)
 * and the ordered routing rules. Every function authorizes "admin.manage"; every change is audited in its transaction.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { siteScope } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { conflict, invalid, notFound } from "@/lib/server/errors";
import { appendAudit, canonicalJson } from "@/lib/server/audit/append-audit";
import { DEFAULT_SCORING_PARAMS, scoringParamsSchema, type ScoringParams } from "@/lib/domain/score/config";
import { thresholdKeys } from "@/lib/domain/score/rule-threshold";
import { IMPLEMENTED_TYPES } from "@/lib/domain/detect/rules";
import { parseRoutingConditions, type RoutingConditions } from "@/lib/domain/case/route-case";

type Tx = Prisma.TransactionClient;

const audit = (tx: Tx, viewer: Viewer, action: string, entityType: string, entityId: string, change: { before?: unknown; after?: unknown; reason?: string }) =>
  appendAudit(tx, { actorId: viewer.id, actorRole: viewer.role, action, entityType, entityId, ...change });

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

// ───────────────────────────── scoring parameters ─────────────────────────────

/** One changed leaf between two versions; overrides are compared as whole entries (before or after is null). */
export interface ParamChange {
  path: string;
  before: unknown;
  after: unknown;
}

function flatten(value: unknown, prefix: string, out: Map<string, unknown>) {
  if (value && typeof value === "object" && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.set(prefix, value);
}

/** What changed from `before` to `after` (the version number itself is not a change). */
export function diffScoringParams(before: unknown, after: unknown): ParamChange[] {
  const { thresholdOverrides: oBefore = [], ...restBefore } = (before ?? {}) as Record<string, unknown>;
  const { thresholdOverrides: oAfter = [], ...restAfter } = (after ?? {}) as Record<string, unknown>;
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  flatten(restBefore, "", a);
  flatten(restAfter, "", b);
  const changes: ParamChange[] = [];
  for (const path of new Set([...a.keys(), ...b.keys()])) {
    if (path === "version") continue;
    if (canonicalJson(a.get(path)) !== canonicalJson(b.get(path))) changes.push({ path, before: a.get(path) ?? null, after: b.get(path) ?? null });
  }
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  const keysBefore = new Set(list(oBefore).map(canonicalJson));
  const keysAfter = new Set(list(oAfter).map(canonicalJson));
  for (const o of list(oBefore)) if (!keysAfter.has(canonicalJson(o))) changes.push({ path: "thresholdOverrides", before: o, after: null });
  for (const o of list(oAfter)) if (!keysBefore.has(canonicalJson(o))) changes.push({ path: "thresholdOverrides", before: null, after: o });
  return changes;
}

/** A stored row read as detection reads it (version from the row, later-added thresholds defaulted); null when invalid. */
function parseStored(row: { version: number; params: unknown }): ScoringParams | null {
  const parsed = scoringParamsSchema.safeParse({ ...(row.params as object), version: row.version });
  return parsed.success ? parsed.data : null;
}

const withoutVersion = (p: ScoringParams) => canonicalJson({ ...p, version: 0 });

export interface ScoringVersion {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  note: string | null;
  /** Null for the first version; changes against the previous version otherwise. */
  changes: ParamChange[] | null;
  /** False when the stored params no longer pass the schema (cannot be restored). */
  valid: boolean;
}

/** The parameters in force (what the next detection run uses) and the version history, newest first. */
export async function getScoringSettings(viewer: Viewer, historyLimit = 50) {
  authorize(viewer, "admin.manage");
  const rows = await prisma.scoringConfig.findMany({ orderBy: { version: "desc" }, take: historyLimit + 1 });
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const parsed = rows.map((r) => ({ row: r, params: parseStored(r) }));
  const history: ScoringVersion[] = parsed.slice(0, historyLimit).map(({ row, params }, i) => {
    const prev = parsed[i + 1];
    return {
      version: row.version,
      createdAt: row.createdAt,
      createdBy: row.createdById ? (nameOf.get(row.createdById) ?? row.createdById) : null,
      note: row.note,
      changes: prev ? diffScoringParams(prev.params ?? prev.row.params, params ?? row.params) : null,
      valid: params !== null,
    };
  });
  const latest = parsed[0];
  return {
    /** Null when no version is stored yet (detection will store the defaults as version 1). */
    currentVersion: latest?.row.version ?? null,
    current: latest?.params ?? DEFAULT_SCORING_PARAMS,
    /** False when the newest stored version fails the schema: the form starts from the defaults. */
    currentValid: !latest || latest.params !== null,
    history,
  };
}

/** Issues of a failed parse as "rules.poAckDays: Too small…" lines. */
const describeIssues = (issues: { path: PropertyKey[]; message: string }[]) => issues.map((i) => `${i.path.map(String).join(".") || "params"}: ${i.message}`).join("; ");

type VersionInput = { baseVersion: number | null; params: unknown; note: string; action: string; extra?: Record<string, unknown> };

/**
 * Writes the next ScoringConfig version inside the caller's transaction (validated, optimistic check against
 * `baseVersion`, audited with before/after). The caller authorizes; the learning loop uses it to accept a proposal
 * in the same transaction as the proposal's own status change.
 */
export async function createScoringVersionInTx(tx: Tx, viewer: Viewer, opts: VersionInput): Promise<{ version: number }> {
  const note = opts.note.trim();
  if (note.length < 3) throw invalid("Say why you change the parameters (a note of at least 3 characters).");
  if (!opts.params || typeof opts.params !== "object" || Array.isArray(opts.params)) throw invalid("Parameters must be an object.");
  const latest = await tx.scoringConfig.findFirst({ orderBy: { version: "desc" } });
  const latestVersion = latest?.version ?? null;
  // Optimistic check: saving over a version someone else created since the form was loaded would silently undo it.
  if (latestVersion !== opts.baseVersion) throw conflict(`Version ${latestVersion} was saved after you opened this page. Reload to see it, then make your change again.`);
  const version = (latestVersion ?? 0) + 1;
  const parsed = scoringParamsSchema.safeParse({ ...(opts.params as object), version });
  if (!parsed.success) throw invalid(`Parameters: ${describeIssues(parsed.error.issues)}`);
  const before = latest ? parseStored(latest) : null;
  if (before && withoutVersion(before) === withoutVersion(parsed.data)) throw invalid(`Nothing changed: these parameters equal version ${latestVersion}, which is already in use.`);
  await tx.scoringConfig.create({ data: { version, params: asJson(parsed.data), createdById: viewer.id, note } });
  await audit(tx, viewer, opts.action, "ScoringConfig", String(version), { before: before ?? latest?.params ?? null, after: { ...parsed.data, ...opts.extra }, reason: note });
  return { version };
}

/** Runs `write` in a transaction; two saves racing for the same version number: the loser is told, nothing is overwritten. */
export async function inScoringVersionTransaction<T>(write: (tx: Tx) => Promise<T>): Promise<T> {
  try {
    return await prisma.$transaction(write);
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw conflict("Another version was saved at the same moment. Reload and try again.");
    throw e;
  }
}

async function createVersion(viewer: Viewer, opts: VersionInput) {
  return inScoringVersionTransaction((tx) => createScoringVersionInTx(tx, viewer, opts));
}

/** The stored parameters of the newest version as detection reads them (null when none is stored or it is invalid). */
export async function latestScoringVersion(tx: Tx): Promise<{ version: number; params: ScoringParams | null } | null> {
  const latest = await tx.scoringConfig.findFirst({ orderBy: { version: "desc" } });
  return latest ? { version: latest.version, params: parseStored(latest) } : null;
}

/** Save edited parameters as a new version. `baseVersion` is the version the form was loaded from. */
export async function saveScoringVersion(viewer: Viewer, input: { baseVersion: number | null; params: unknown; note: string }) {
  authorize(viewer, "admin.manage");
  return createVersion(viewer, { ...input, action: "scoring_config.created" });
}

/** Make an old version current again by copying it into a new version. */
export async function restoreScoringVersion(viewer: Viewer, input: { version: number; baseVersion: number | null; note?: string }) {
  authorize(viewer, "admin.manage");
  const row = await prisma.scoringConfig.findUnique({ where: { version: input.version } });
  if (!row) throw notFound(`Version ${input.version}`);
  const params = parseStored(row);
  if (!params) throw invalid(`Version ${input.version} does not pass today's validation and cannot be restored.`);
  const why = input.note?.trim();
  return createVersion(viewer, {
    baseVersion: input.baseVersion,
    params,
    note: `Restored version ${input.version}${why ? `: ${why}` : ""}`,
    action: "scoring_config.restored",
    extra: { restoredFrom: input.version },
  });
}

// ───────────────────────────── routing rules ─────────────────────────────

export interface RoutingRuleInput {
  name: string;
  enabled: boolean;
  types: string[];
  siteIds: string[];
  /** Supplier codes as typed by the admin; resolved to ids here. */
  supplierCodes: string[];
  minScore: number | null;
  team: string;
  assigneeId: string | null;
}

export interface RoutingRuleView {
  id: string;
  position: number;
  name: string;
  enabled: boolean;
  team: string;
  assigneeId: string | null;
  assigneeName: string | null;
  /** Parsed conditions; null when the stored JSON is malformed (the rule never matches). */
  conditions: RoutingConditions | null;
  supplierCodes: string[];
}

const ruleOrder = [{ position: "asc" as const }, { id: "asc" as const }];

/** All routing rules in the order detection applies them (position, then id). */
export async function listRoutingRules(viewer: Viewer): Promise<RoutingRuleView[]> {
  authorize(viewer, "admin.manage");
  const rows = await prisma.routingRule.findMany({ orderBy: ruleOrder });
  const parsed = rows.map((r) => ({ row: r, conditions: parseRoutingConditions(r.conditions) }));
  const supplierIds = [...new Set(parsed.flatMap((p) => p.conditions?.supplierIds ?? []))];
  const assigneeIds = [...new Set(rows.map((r) => r.assigneeId).filter((id): id is string => !!id))];
  const [suppliers, users] = await Promise.all([
    prisma.supplier.findMany({ where: { id: { in: supplierIds } }, select: { id: true, code: true } }),
    prisma.user.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } }),
  ]);
  const codeOf = new Map(suppliers.map((s) => [s.id, s.code]));
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return parsed.map(({ row, conditions }) => ({
    id: row.id,
    position: row.position,
    name: row.name,
    enabled: row.enabled,
    team: row.team,
    assigneeId: row.assigneeId,
    assigneeName: row.assigneeId ? (nameOf.get(row.assigneeId) ?? null) : null,
    conditions,
    // A supplier deleted since keeps its id visible, so the admin sees why the rule no longer matches.
    supplierCodes: (conditions?.supplierIds ?? []).map((id) => codeOf.get(id) ?? `unknown supplier ${id}`),
  }));
}

const uniq = (list: string[]) => [...new Set(list.map((s) => s.trim()).filter(Boolean))];

/** Checks every reference of a rule against the database and builds the stored conditions JSON. */
async function resolveRule(input: RoutingRuleInput) {
  const name = input.name.trim();
  const team = input.team.trim();
  if (!name) throw invalid("Name: give the rule a name.");
  if (!team) throw invalid("Team: say which team gets the cases.");
  const types = uniq(input.types);
  const unknownTypes = types.filter((t) => !IMPLEMENTED_TYPES.includes(t));
  if (unknownTypes.length) throw invalid(`Unknown exception type: ${unknownTypes.join(", ")}`);
  const siteIds = uniq(input.siteIds);
  const sites = await prisma.location.findMany({ where: { id: { in: siteIds } }, select: { id: true } });
  const unknownSites = siteIds.filter((id) => !sites.some((s) => s.id === id));
  if (unknownSites.length) throw invalid(`Unknown site: ${unknownSites.join(", ")}`);
  const codes = uniq(input.supplierCodes);
  const suppliers = codes.length ? await prisma.supplier.findMany({ where: { code: { in: codes, mode: "insensitive" } }, select: { id: true, code: true } }) : [];
  const unknownCodes = codes.filter((c) => !suppliers.some((s) => s.code.toLowerCase() === c.toLowerCase()));
  if (unknownCodes.length) throw invalid(`Unknown supplier code${unknownCodes.length > 1 ? "s" : ""}: ${unknownCodes.join(", ")}`);
  if (input.minScore != null && !(Number.isFinite(input.minScore) && input.minScore >= 0)) throw invalid("Minimum score: a dollar amount of 0 or more.");
  if (input.assigneeId) {
    const user = await prisma.user.findUnique({ where: { id: input.assigneeId }, select: { active: true } });
    if (!user?.active) throw invalid("Assignee: no such active user.");
  }
  const conditions: RoutingConditions = {};
  if (types.length) conditions.types = types;
  if (siteIds.length) conditions.siteIds = siteIds;
  if (suppliers.length) conditions.supplierIds = [...new Set(suppliers.map((s) => s.id))];
  if (input.minScore != null) conditions.minScore = input.minScore;
  return { name, team, enabled: input.enabled, conditions, assigneeId: input.assigneeId || null };
}

const ruleSnapshot = (r: { name: string; enabled: boolean; position: number; conditions: unknown; team: string; assigneeId: string | null }) => ({
  name: r.name, enabled: r.enabled, position: r.position, conditions: r.conditions, team: r.team, assigneeId: r.assigneeId,
});

/** A new rule goes last (it cannot steal cases from existing rules until moved up). */
export async function createRoutingRule(viewer: Viewer, input: RoutingRuleInput) {
  authorize(viewer, "admin.manage");
  const data = await resolveRule(input);
  return prisma.$transaction(async (tx) => {
    const last = await tx.routingRule.findFirst({ orderBy: { position: "desc" }, select: { position: true } });
    const rule = await tx.routingRule.create({ data: { ...data, conditions: asJson(data.conditions), position: (last?.position ?? 0) + 10 } });
    await audit(tx, viewer, "routing_rule.created", "RoutingRule", rule.id, { after: ruleSnapshot(rule) });
    return { id: rule.id };
  });
}

export async function updateRoutingRule(viewer: Viewer, id: string, input: RoutingRuleInput) {
  authorize(viewer, "admin.manage");
  const data = await resolveRule(input);
  return prisma.$transaction(async (tx) => {
    const before = await tx.routingRule.findUnique({ where: { id } });
    if (!before) throw notFound("Routing rule");
    const rule = await tx.routingRule.update({ where: { id }, data: { ...data, conditions: asJson(data.conditions) } });
    await audit(tx, viewer, "routing_rule.updated", "RoutingRule", id, { before: ruleSnapshot(before), after: ruleSnapshot(rule) });
    return { id };
  });
}

export async function setRoutingRuleEnabled(viewer: Viewer, id: string, enabled: boolean) {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    const before = await tx.routingRule.findUnique({ where: { id } });
    if (!before) throw notFound("Routing rule");
    await tx.routingRule.update({ where: { id }, data: { enabled } });
    await audit(tx, viewer, enabled ? "routing_rule.enabled" : "routing_rule.disabled", "RoutingRule", id, { before: { enabled: before.enabled }, after: { enabled } });
  });
}

export async function deleteRoutingRule(viewer: Viewer, id: string) {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    const before = await tx.routingRule.findUnique({ where: { id } });
    if (!before) throw notFound("Routing rule");
    await tx.routingRule.delete({ where: { id } });
    await audit(tx, viewer, "routing_rule.deleted", "RoutingRule", id, { before: ruleSnapshot(before) });
  });
}

/**
 * Swap a rule with its neighbour and renumber all rules 10, 20, 30…: positions may tie (then id decides) or have
 * gaps, and renumbering makes the new order explicit whatever they were.
 */
export async function moveRoutingRule(viewer: Viewer, id: string, direction: "up" | "down") {
  authorize(viewer, "admin.manage");
  await prisma.$transaction(async (tx) => {
    // Serialise reorders so two admins moving rules at once cannot interleave their renumbering.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(727101)`);
    const rules = await tx.routingRule.findMany({ orderBy: ruleOrder, select: { id: true, position: true } });
    const i = rules.findIndex((r) => r.id === id);
    if (i < 0) throw notFound("Routing rule");
    const j = direction === "up" ? i - 1 : i + 1;
    if (j < 0 || j >= rules.length) throw invalid(`This rule is already ${direction === "up" ? "first" : "last"}.`);
    const order = rules.map((r) => r.id);
    [order[i], order[j]] = [order[j], order[i]];
    const positionOf = new Map(rules.map((r) => [r.id, r.position]));
    for (const [k, ruleId] of order.entries()) {
      const position = (k + 1) * 10;
      if (positionOf.get(ruleId) !== position) await tx.routingRule.update({ where: { id: ruleId }, data: { position } });
    }
    await audit(tx, viewer, "routing_rule.moved", "RoutingRule", id, { before: { order: rules.map((r) => r.id) }, after: { order, direction } });
  });
}

// ───────────────────────────── form options and preview ─────────────────────────────

/** Choices the forms offer: exception types, overridable thresholds, sites, active users. */
export async function getDetectionSettingsOptions(viewer: Viewer) {
  authorize(viewer, "admin.manage");
  const [locations, users] = await Promise.all([
    prisma.location.findMany({ orderBy: { code: "asc" }, select: { id: true, code: true, name: true } }),
    prisma.user.findMany({ where: { active: true }, orderBy: { name: "asc" }, select: { id: true, name: true, role: true } }),
  ]);
  return { types: [...IMPLEMENTED_TYPES], thresholdKeys: thresholdKeys(DEFAULT_SCORING_PARAMS) as string[], locations, users };
}

/** The 20 newest unresolved cases, with what routing looks at, for the "which rule would route this?" preview. */
export async function findPreviewCases(viewer: Viewer, take = 20) {
  authorize(viewer, "admin.manage");
  return prisma.case.findMany({
    where: { status: { not: "RESOLVED" }, ...siteScope(viewer) },
    orderBy: [{ openedAt: "desc" }, { number: "desc" }],
    take,
    select: { id: true, number: true, title: true, primaryType: true, siteId: true, supplierId: true, score: true, team: true, site: { select: { code: true } } },
  });
}

