/** Role → permission matrix. Unknown roles or permissions get nothing (fail closed). */

export const ROLES = ["planner", "supervisor", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = ["cases.read", "cases.propose", "cases.comment", "actions.approve", "kpi.read", "audit.read", "admin.manage", "detection.run"] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PLANNER: readonly Permission[] = ["cases.read", "cases.propose", "cases.comment", "kpi.read"];

export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  planner: PLANNER,
  supervisor: [...PLANNER, "actions.approve", "audit.read"],
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

/** Admins and executives see every site; others only their assigned sites. */
export function seesAllSites(role: string | null | undefined): boolean {
  return role === "admin" || role === "executive";
}

const LANDING: Readonly<Record<Role, string>> = { planner: "/cases", supervisor: "/approvals", executive: "/kpi", admin: "/admin" };

/** Home page after sign-in; unknown roles land on the sign-in page. */
export function landingPath(role: string | null | undefined): string {
  return isRole(role) ? LANDING[role] : "/login";
}
