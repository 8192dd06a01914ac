import { NextResponse } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { listNotifications } from "@/lib/server/dal/notifications";
import { withRequestLog } from "@/lib/server/request-log";

/** GET /api/notifications — the bell's poll: the viewer's unread count and latest notifications. */
async function handleGet() {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  const inbox = await listNotifications(viewer);
  return NextResponse.json(inbox, { headers: { "Cache-Control": "private, no-store" } });
}

export const GET = withRequestLog("GET /api/notifications", handleGet);
