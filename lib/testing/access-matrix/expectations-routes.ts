/** Expectations for the route handlers under app/api. See access-matrix.test.ts. */
import type { RouteExpectation } from "@/lib/testing/access-matrix/types";
import { appendAudit } from "@/lib/server/audit/append-audit";

export const ROUTES: Record<string, RouteExpectation> = {
  "GET /api/cases": {
    auth: "session",
    permission: "cases.read",
    siteScoped: true,
    changes: [],
    request: async (cell) => {
      const c = await cell.fx.openCase(cell.siteId);
      const { number } = await cell.prisma.case.findUniqueOrThrow({ where: { id: c.id }, select: { number: true } });
      cell.sampleId = c.id;
      return { url: `/api/cases?q=${number}` };
    },
    // Other sites' cases are filtered out (a 200 without them), never an error that confirms they exist.
    succeeded: async (res, cell) => ((await res.json()) as { rows: { id: string }[] }).rows.some((r) => r.id === cell.sampleId),
  },
  "GET /api/notifications": {
    auth: "session",
    permission: "signed-in",
    siteScoped: false,
    changes: [],
    request: async (cell) => {
      cell.sampleId = (await cell.fx.notification(cell.actor.id)).id;
      return { url: "/api/notifications" };
    },
    succeeded: async (res, cell) => JSON.stringify(await res.json()).includes(cell.sampleId ?? "?"),
  },
  "GET /api/audit/export": {
    auth: "session",
    permission: "audit.read",
    siteScoped: true,
    changes: [],
    request: async (cell) => {
      const entityId = `matrix-audit-${cell.fx.next()}`;
      await cell.prisma.$transaction((tx) => appendAudit(tx, { actorId: null, actorRole: "system", action: "matrix.sample", entityType: "Matrix", entityId, siteId: cell.siteId }));
      cell.sampleId = entityId;
      return { url: "/api/audit/export?action=matrix.sample" };
    },
    succeeded: async (res, cell) => (await res.text()).includes(cell.sampleId ?? "?"),
  },
  "POST /api/sources/[sourceId]/uploads": {
    auth: "session",
    permission: "admin.manage",
    siteScoped: false,
    changes: ["RawPayload", "AuditEntry"],
    request: async ({ fx }) => ({
      url: `/api/sources/${await fx.csvSource()}/uploads`,
      params: { sourceId: await fx.csvSource() },
      init: { method: "POST", headers: { "x-file-name": `matrix-${fx.next()}.csv`, "content-type": "text/csv" }, body: `sku,name\nMATRIX-UP-${fx.next()},Uploaded\n` },
    }),
  },
  "GET /api/admin/system-health": {
    auth: "session",
    permission: "admin.manage",
    siteScoped: false,
    changes: [],
    request: async () => ({ url: "/api/admin/system-health" }),
    // A refusal is a 403 JSON error; only an admin gets the metrics object.
    succeeded: async (res) => "slaBreaches" in ((await res.json()) as object),
  },
  "GET /api/health": {
    auth: "public",
    note: "load balancers call it without a session: everyone gets the verdict only; the checks are for admin.manage (e2e/operations.spec.ts)",
  },
  "POST /api/events": { auth: "hmac", note: "machine-to-machine: the source's HMAC signature is the credential; a browser session is never enough (checked below)" },
  "GET /api/auth/[...nextauth]": { auth: "public", note: "next-auth's own sign-in, session and CSRF endpoints" },
  "POST /api/auth/[...nextauth]": { auth: "public", note: "next-auth's sign-in (throttled, see auth-options.ts) and sign-out" },
};
