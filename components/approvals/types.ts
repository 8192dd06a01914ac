/** Plain data the approvals inbox renders (built on the server by the page; safe to pass to client components). */

export type ApprovalStep = { level: number; revision: number; decision: string; deciderName: string; deciderRole: string; reason: string | null; decidedAt: string };

export type InboxRow = {
  id: string;
  type: string;
  quantity: number | null;
  valueUsd: number;
  note: string;
  requestedByName: string;
  requestedAgo: string;
  level: number;
  of: number;
  levelRoles: string[];
  revision: number;
  policyReason: string;
  policyVersion: number;
  expiresText: string | null;
  approvals: ApprovalStep[];
  /** Why the row sits where it does in the ranking ("request expires in 3 h", "ranked by value"). */
  rankWhy: string;
  dueSoon: boolean;
  canApprove: boolean;
  canDecide: boolean;
  blockedReason: string | null;
  case: {
    id: string;
    number: number;
    title: string;
    severity: string;
    siteCode: string;
    siteName: string;
    sku: string | null;
    itemName: string | null;
    score: number;
    slaText: string;
    shortageUnits: number | null;
    firstStockout: string | null;
    terms: { code: string; label: string; text: string; inputs: { name: string; label: string; text: string }[] }[];
  };
  impact: { rank: number; label: string; unitsRecovered: number; usdRecovered: number; daysGained: number; recommendedQuantity: number | null; sameQuantity: boolean } | null;
};
