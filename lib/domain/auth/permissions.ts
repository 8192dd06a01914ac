/** Role → permission matrix. Unknown roles or permissions get nothing (fail closed). */

export const ROLES = ["planner", "supervisor", "finance", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

/**
 * cases.triage = assign, acknowledge, snooze, resolve with a reason, reopen.
 * cases.close = close a case whose approved action the source has not confirmed (with a reason).
 * writeback.retry = send a failed write-back again (same idempotency key).
 */
export const PERMISSIONS = [
  "cases.read",
  "cases.triage",
  "cases.propose",
  "cases.comment",
  "actions.approve",
  "cases.close",
  "writeback.retry",
  "kpi.read",
  "audit.read",
  "admin.manage",
  "detection.run",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PLANNER: readonly Permission[] = ["cases.read", "cases.triage", "cases.propose", "cases.comment"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  planner: PLANNER,
  // The KPI dashboard is for those who manage the work (supervisors: their sites' team) and executives (read-only).
  supervisor: [...PLANNER, "actions.approve", "cases.close", "writeback.retry", "kpi.read", "audit.read"],
  // Finance is a second-level approver: reads cases and decides high-value actions; it does not triage.
  finance: ["cases.read", "cases.comment", "actions.approve", "kpi.read", "audit.read"],
  executive: ["cases.read", "kpi.read", "audit.read"],
  admin: PERMISSIONS,
};

/** True when the string is a known role. */
export function isRole(role: unknown): role is Role {
  return typeof role === "string" && (ROLES as readonly string[]).includes(role);
}

/** True when `role` grants `permission`; false for unknown roles or permissions. */
export function hasPermission(role: string | null | undefined, permission: string): boolean {
  if (!isRole(role)) return false;
  return (ROLE_PERMISSIONS[role] as readonly string[]).includes(permission);
}

/** Admins, executives and finance see every site; others only their assigned sites. */
export function seesAllSites(role: string | null | undefined): boolean {
  return role === "admin" || role === "executive" || role === "finance";
}

const LANDING: Readonly<Record<Role, string>> = { planner: "/cases", supervisor: "/approvals", finance: "/approvals", executive: "/kpi", admin: "/admin" };

/** Home page after sign-in; unknown roles land on the sign-in page. */
export function landingPath(role: string | null | undefined): string {
  return isRole(role) ? LANDING[role] : "/login";
}
