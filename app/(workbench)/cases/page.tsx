import type { Metadata } from "next";
import { Suspense } from "react";
import { redirect } from "next/navigation";
import { getViewer } from "@/lib/server/auth/viewer";
import { findCases, findQueueFacets } from "@/lib/server/dal/cases";
import { listSavedViews } from "@/lib/server/dal/saved-views";
import { parseCasesQuery } from "@/lib/search-params/cases";
import { hasPermission } from "@/lib/domain/auth/permissions";
import { CaseQueueTable } from "@/components/case-queue/case-queue-table";
import { CaseQueueSkeleton } from "@/components/case-queue/case-queue-skeleton";
import { Notice, PageHeader } from "@/components/ui/card";
import type { Viewer } from "@/lib/server/auth/viewer";
import type { CasesQuery } from "@/lib/search-params/cases";

// No loading.tsx on this route: a Suspense boundary above /cases/[caseId] would commit a 200 status
// before the case page can answer 404 for a case outside the viewer's sites.
async function Queue({ viewer, query }: { viewer: Viewer; query: CasesQuery }) {
  const renderedAt = Date.now();
  const [initialPage, facets, savedViews] = await Promise.all([findCases(viewer, query), findQueueFacets(viewer), listSavedViews(viewer)]);
  return (
    <CaseQueueTable
      initialQuery={query}
      initialPage={initialPage}
      renderedAt={renderedAt}
      facets={facets}
      savedViews={savedViews}
      viewer={{ id: viewer.id, name: viewer.name, canTriage: hasPermission(viewer.role, "cases.triage") }}
    />
  );
}

export const metadata: Metadata = { title: "Case queue" };

/** The ranked case queue: first page rendered on the server, then driven by the URL on the client. */
export default async function CasesPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (!hasPermission(viewer.role, "cases.read")) return <Notice>Your role cannot read cases.</Notice>;
  const query = parseCasesQuery(await searchParams);
  return (
    <>
      <PageHeader title="Case queue" description="Ranked by score = (service $ + financial $) × (0.5 + 0.5 × urgency) × confidence. Press ? for keyboard shortcuts." />
      <Suspense fallback={<CaseQueueSkeleton />}>
        <Queue viewer={viewer} query={query} />
      </Suspense>
    </>
  );
}
