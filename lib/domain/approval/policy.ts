/** Who may approve a proposed action, and up to what value. Versioned like scoring params. */

export type ApproverRole = "planner" | "supervisor" | "finance" | "executive" | "admin";

export interface ApprovalPolicy {
  version: number;
  approverRoles: readonly ApproverRole[];
  /** null = unlimited. Roles not listed cannot approve any value. */
  maxApprovalUsdByRole: Partial<Record<ApproverRole, number | null>>;
}

export const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = {
  version: 1,
  approverRoles: ["supervisor", "admin"],
  maxApprovalUsdByRole: { supervisor: 50_000, admin: null },
};

export interface ApprovalRequest {
  action: { requestedById: string; valueUsd: number; status: string };
  approver: { id: string; role: string };
}

export type ApprovalDecision =
  | { allowed: true }
  | { allowed: false; code: "SELF_APPROVAL" | "ROLE" | "LIMIT" | "STATUS"; message: string };

/** Decides whether `approver` may approve `action` under `policy`; checks status, self-approval, role, then limit. */
export function decideApproval(req: ApprovalRequest, policy: ApprovalPolicy = DEFAULT_APPROVAL_POLICY): ApprovalDecision {
  const { action, approver } = req;
  if (action.status !== "PENDING_APPROVAL") {
    return { allowed: false, code: "STATUS", message: `This action is ${action.status}; only pending actions can be decided.` };
  }
  // Four-eyes rule: no role, admin included, may approve its own request.
  if (action.requestedById === approver.id) {
    return { allowed: false, code: "SELF_APPROVAL", message: "You cannot approve an action you requested." };
  }
  const role = approver.role as ApproverRole;
  if (!policy.approverRoles.includes(role) || !(role in policy.maxApprovalUsdByRole)) {
    return { allowed: false, code: "ROLE", message: `The ${approver.role} role cannot approve actions.` };
  }
  const limit = policy.maxApprovalUsdByRole[role];
  if (limit !== null && limit !== undefined && !(action.valueUsd <= limit)) {
    return { allowed: false, code: "LIMIT", message: `$${action.valueUsd.toLocaleString("en-US")} exceeds the ${role} approval limit of $${limit.toLocaleString("en-US")}.` };
  }
  return { allowed: true };
}
