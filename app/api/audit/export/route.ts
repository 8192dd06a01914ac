import { NextResponse, type NextRequest } from "next/server";
import { getViewer } from "@/lib/server/auth/viewer";
import { streamAuditEntries } from "@/lib/server/dal/audit";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { parseAuditQuery } from "@/lib/search-params/audit";
import { csvRow } from "@/lib/utils/csv";
import { errorFields, log } from "@/lib/server/log";
import { withRequestLog } from "@/lib/server/request-log";

const HEADER = ["seq", "at", "actor", "actorRole", "action", "entityType", "entityId", "case", "siteId", "reason", "before", "after", "prevHash", "hash"];

/**
 * GET /api/audit/export?… — the audit log as CSV with the viewer's filters (same schema as /audit), site-scoped,
 * streamed batch by batch so a large log never sits in memory; cells are formula-neutralised.
 */
async function handleGet(request: NextRequest) {
  const viewer = await getViewer();
  if (!viewer) return NextResponse.json({ error: "Not signed in" }, { status: 401 });
  if (!hasPermission(viewer.role, "audit.read")) return NextResponse.json({ error: "Your role cannot read the audit log." }, { status: 403 });
  const query = parseAuditQuery(request.nextUrl.searchParams);
  const batches = streamAuditEntries(viewer, query);
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(csvRow(HEADER)));
    },
    async pull(controller) {
      try {
        const next = await batches.next();
        if (next.done) return controller.close();
        const text = next.value
          .map((r) => csvRow([r.seq, r.at, r.actorName, r.actorRole, r.action, r.entityType, r.entityId, r.caseNumber === null ? "" : `#${r.caseNumber}`, r.siteId, r.reason, r.before, r.after, r.prevHash, r.hash]))
          .join("");
        controller.enqueue(encoder.encode(text));
      } catch (e) {
        log.error(errorFields(e), "audit export failed");
        controller.error(e);
      }
    },
    async cancel() {
      await batches.return(undefined);
    },
  });
  const day = new Date().toISOString().slice(0, 10);
  return new Response(body, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="audit-${day}.csv"`,
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}

export const GET = withRequestLog("GET /api/audit/export", handleGet);
