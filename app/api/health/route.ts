import { NextResponse } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { checkHealth } from "@/lib/server/ops/health";
import { opsPool } from "@/lib/server/ops/ops-pool";
import { withRequestLog } from "@/lib/server/request-log";

export const dynamic = "force-dynamic";

/**
 * GET /api/health — for load balancers and monitoring (no session needed; proxy.ts lets it through).
 * 200 with status "ok" or "degraded", 503 with "down" when the database does not answer. Everyone
 * gets the verdict; a signed-in admin also gets the checks (database latency, queues, sources). With
 * the database down nobody gets details: the viewer cannot be re-verified without it.
 */
async function handleGet() {
  const report = await checkHealth(opsPool());
  const viewer = report.status === "down" ? null : await getViewer().catch(() => null);
  const body = viewer && hasPermission(viewer.role, "admin.manage") ? report : { status: report.status };
  return NextResponse.json(body, { status: report.status === "down" ? 503 : 200, headers: { "Cache-Control": "no-store" } });
}

export const GET = withRequestLog("GET /api/health", handleGet);
