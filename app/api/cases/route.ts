import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { findCases } from "@/lib/server/dal/cases";
import { parseCasesQuery } from "@/lib/search-params/cases";
import { AppError } from "@/lib/server/errors";
import { withRequestLog } from "@/lib/server/request-log";

/** GET /api/cases?… — the queue's data request (same query schema and DAL as the page). */
async function handleGet(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  try {
    const page = await findCases(viewer, parseCasesQuery(request.nextUrl.searchParams));
    return NextResponse.json(page, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    if (e instanceof AppError && e.code === "FORBIDDEN") return NextResponse.json({ error: e.message }, { status: 403 });
    throw e;
  }
}

export const GET = withRequestLog("GET /api/cases", handleGet);
