import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { getKpiCard } from "@/lib/server/dal/kpi-dashboard";
import { KPI_CARDS, kpiQuerySchema } from "@/lib/search-params/kpi";
import { AppError } from "@/lib/server/errors";
import { withRequestLog } from "@/lib/server/request-log";

/** GET /api/kpi/[card]?from&to&compare&dim&by&basis — one dashboard card's data, scoped to the viewer's sites. */
async function handleGet(request: NextRequest, ctx: { params: Promise<{ card: string }> }) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  const { card } = await ctx.params;
  if (!(KPI_CARDS as readonly string[]).includes(card)) return NextResponse.json({ error: "Unknown card" }, { status: 404 });
  const query = kpiQuerySchema.parse(Object.fromEntries(request.nextUrl.searchParams));
  try {
    const data = await getKpiCard(viewer, card as (typeof KPI_CARDS)[number], query);
    return NextResponse.json(data, { headers: { "Cache-Control": "private, no-store" } });
  } catch (e) {
    if (e instanceof AppError && e.code === "FORBIDDEN") return NextResponse.json({ error: e.message }, { status: 403 });
    throw e;
  }
}

export const GET = withRequestLog("GET /api/kpi/[card]", handleGet);
