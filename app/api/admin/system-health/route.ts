import { NextResponse } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { getSystemHealth } from "@/lib/server/dal/system-health";
import { AppError } from "@/lib/server/errors";
import { withRequestLog } from "@/lib/server/request-log";

export const dynamic = "force-dynamic";

/** GET /api/admin/system-health — the System health page's polling request (admins only; the DAL checks). */
async function handleGet() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  try {
    return NextResponse.json(await getSystemHealth(viewer), { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    if (e instanceof AppError && e.code === "FORBIDDEN") return NextResponse.json({ error: e.message }, { status: 403 });
    throw e;
  }
}

export const GET = withRequestLog("GET /api/admin/system-health", handleGet);
