import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findCases, findViewerSites } from "@/lib/server/dal/cases";
import { parseCasesQuery } from "@/lib/search-params/cases";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { CaseQueueTable } from "@/components/case-queue/case-queue-table";
import { Notice, PageHeader } from "@/components/ui/card";

export const metadata: Metadata = { title: "Case queue" };

/** The ranked case queue: first page rendered on the server, then driven by the URL on the client. */
export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "cases.read")) return <Notice>Your role cannot read cases.</Notice>;
  const query = parseCasesQuery(await searchParams);
  const [initialPage, sites] = await Promise.all([findCases(viewer, query), findViewerSites(viewer)]);
  return (
    <>
      <PageHeader
        title="Case queue"
        description={`Ranked by score = (service $ + financial $) × urgency × confidence · ${viewer.allSites ? "all sites" : sites.map((s) => s.code).join(", ")}`}
      />
      <CaseQueueTable initialQuery={query} initialPage={initialPage} sites={sites.map((s) => s.code)} />
    </>
  );
}
