import "server-only";
/**
 * The approval policy in force and its versions (ApprovalPolicyVersion rows; a save is always a new
 * row, never an edit). Version 1 is the default policy, stored on first use. Admins save new versions
 * with a required note; every save is audited with the document before and after.
 */
import { prisma } from "@/lib/server/db";
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { AppError, conflict, invalid } from "@/lib/server/errors";
import { DEFAULT_APPROVAL_POLICY, parsePolicy, type ApprovalPolicy } from "@/lib/domain/approval/policy";
import { diffPolicies, type PolicyChange } from "@/lib/domain/approval/policy-diff";

type Db = Prisma.TransactionClient | PrismaClient;

const asJson = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;

/**
 * The newest policy version, storing the default as version 1 when none exists yet. A stored
 * document that fails the schema stops approvals (fail closed) with a message for the admin.
 */
export async function loadActivePolicy(db: Db): Promise<ApprovalPolicy> {
  let row = await db.approvalPolicyVersion.findFirst({ orderBy: { version: "desc" } });
  if (!row) {
    // Two first uses at once: one insert wins, the other is skipped (ON CONFLICT DO NOTHING).
    await db.approvalPolicyVersion.createMany({
      data: [{ version: 1, policy: asJson(DEFAULT_APPROVAL_POLICY), note: "Default approval policy (stored on first use)" }],
      skipDuplicates: true,
    });
    row = await db.approvalPolicyVersion.findFirst({ orderBy: { version: "desc" } });
  }
  const parsed = parsePolicy(row?.policy, row?.version);
  if (!row || !parsed.success) {
    throw new AppError("CONFLICT", `Approval policy version ${row?.version ?? "?"} is not valid; an admin must save a corrected version before actions can be decided.`);
  }
  return parsed.data;
}

export type PolicyVersionView = {
  version: number;
  createdAt: Date;
  createdBy: string | null;
  note: string | null;
  /** Null for the first version (or when either side no longer parses); changes against the previous version otherwise. */
  changes: PolicyChange[] | null;
  valid: boolean;
};

/** The policy in force and the version history, newest first (admins only). */
export async function getApprovalPolicySettings(viewer: Viewer, historyLimit = 50) {
  authorize(viewer, "admin.manage");
  const current = await loadActivePolicy(prisma).catch((e) => {
    if (e instanceof AppError) return null;
    throw e;
  });
  const rows = await prisma.approvalPolicyVersion.findMany({ orderBy: { version: "desc" }, take: historyLimit + 1 });
  const userIds = [...new Set(rows.map((r) => r.createdById).filter((id): id is string => !!id))];
  const users = await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  const parsed = rows.map((r) => ({ row: r, policy: parsePolicy(r.policy, r.version) }));
  const history: PolicyVersionView[] = parsed.slice(0, historyLimit).map(({ row, policy }, i) => {
    const prev = parsed[i + 1];
    return {
      version: row.version,
      createdAt: row.createdAt,
      createdBy: row.createdById ? (nameOf.get(row.createdById) ?? row.createdById) : null,
      note: row.note,
      changes: prev && prev.policy.success && policy.success ? diffPolicies(prev.policy.data, policy.data) : null,
      valid: policy.success,
    };
  });
  return {
    currentVersion: rows[0]?.version ?? null,
    /** The form starts from the newest valid version (or the defaults). */
    current: current ?? parsed.find((p) => p.policy.success)?.policy.data ?? DEFAULT_APPROVAL_POLICY,
    currentValid: current !== null,
    history,
  };
}

export type SavePolicyInput = { baseVersion: number | null; policy: unknown; note: string };

/** Field path → messages, for the editor. */
export type PolicyFieldErrors = Record<string, string[]>;

export class PolicyValidationError extends AppError {
  constructor(readonly fieldErrors: PolicyFieldErrors) {
    super("INVALID", `The policy is not valid: ${Object.entries(fieldErrors).map(([path, messages]) => `${path}: ${messages.join(", ")}`).join("; ")}`);
  }
}

/** Save an edited policy as a new version. `baseVersion` is the version the editor was loaded from. */
export async function saveApprovalPolicyVersion(viewer: Viewer, input: SavePolicyInput): Promise<{ version: number }> {
  authorize(viewer, "admin.manage");
  const note = input.note.trim();
  if (note.length < 3) throw invalid("Say why you change the policy (at least 3 characters).");
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await loadActivePolicy(tx).catch(() => null);
      const latest = await tx.approvalPolicyVersion.findFirst({ orderBy: { version: "desc" }, select: { version: true, policy: true } });
      const latestVersion = latest?.version ?? null;
      // Saving over a version someone created since the editor was opened would silently undo it.
      if (latestVersion !== input.baseVersion) throw conflict(`Version ${latestVersion} was saved after you opened this page. Reload to see it, then make your change again.`);
      const version = (latestVersion ?? 0) + 1;
      const parsed = parsePolicy(input.policy, version);
      if (!parsed.success) {
        const fieldErrors: PolicyFieldErrors = {};
        for (const issue of parsed.error.issues) (fieldErrors[issue.path.map(String).join(".") || "policy"] ??= []).push(issue.message);
        throw new PolicyValidationError(fieldErrors);
      }
      if (before && diffPolicies(before, parsed.data).length === 0) throw invalid(`Nothing changed: this equals version ${latestVersion}, which is already in force.`);
      await tx.approvalPolicyVersion.create({ data: { version, policy: asJson(parsed.data), createdById: viewer.id, note } });
      await appendAudit(tx, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "approval_policy.created",
        entityType: "ApprovalPolicyVersion",
        entityId: String(version),
        before: before ?? latest?.policy ?? null,
        after: parsed.data,
        reason: note,
      });
      return { version };
    });
  } catch (e) {
    // Two saves racing for the same version number: the loser is told, nothing is overwritten.
    if ((e as { code?: string }).code === "P2002") throw conflict("Another version was saved at the same moment. Reload and try again.");
    throw e;
  }
}
