import "server-only";
import { prisma } from "@/lib/server/db";
import type { Prisma } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import { authorize } from "@/lib/server/dal/cases";
import { appendAudit } from "@/lib/server/audit/append-audit";
import { conflict, forbidden, invalid, notFound } from "@/lib/server/errors";
import { canonicalViewQuery, layoutOf, type QueueLayout } from "@/lib/search-params/queue-layout";
import { parseCasesQuery } from "@/lib/search-params/cases";

/** A queue view as the Views menu shows it. */
export type SavedViewSummary = {
  id: string;
  name: string;
  /** Canonical queue query string (no leading "?"). */
  query: string;
  layout: QueueLayout;
  shared: boolean;
  ownerName: string;
  /** The viewer owns it, and therefore may change or delete it. */
  mine: boolean;
};

export type SavedViewInput = { name: string; query: string; shared: boolean };
export type SavedViewUpdate = { id: string; name?: string; query?: string; shared?: boolean };

const NAME_MAX = 60;

function cleanName(name: string): string {
  const trimmed = name.trim().replace(/\s+/g, " ");
  if (!trimmed) throw invalid("Give the view a name.");
  if (trimmed.length > NAME_MAX) throw invalid(`A view name has at most ${NAME_MAX} characters.`);
  return trimmed;
}

const duplicateName = (name: string) => conflict(`You already have a view named "${name}". Choose another name or delete that view first.`);

const isUniqueViolation = (e: unknown) => (e as { code?: string } | null)?.code === "P2002";

// The stored layout is derived from the query, so the two can never disagree.
const json = (v: unknown) => JSON.parse(JSON.stringify(v)) as Prisma.InputJsonValue;
const layoutFor = (query: string) => layoutOf(parseCasesQuery(new URLSearchParams(query)));

type Row = { id: string; name: string; query: string; shared: boolean; ownerId: string; owner: { name: string } };
const toSummary = (viewer: Viewer, v: Row): SavedViewSummary => ({
  id: v.id,
  name: v.name,
  query: v.query,
  layout: layoutFor(v.query),
  shared: v.shared,
  ownerName: v.owner.name,
  mine: v.ownerId === viewer.id,
});

/** The viewer's own views and every shared team view, own first, then by name. */
export async function listSavedViews(viewer: Viewer): Promise<SavedViewSummary[]> {
  authorize(viewer, "cases.read");
  const rows = await prisma.savedView.findMany({
    where: { OR: [{ ownerId: viewer.id }, { shared: true }] },
    orderBy: [{ name: "asc" }, { createdAt: "asc" }],
    select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
  });
  const views = rows.map((r) => toSummary(viewer, r));
  return [...views.filter((v) => v.mine), ...views.filter((v) => !v.mine)];
}

/** Save the current queue (query + layout) under a name unique among the viewer's views. */
export async function createSavedView(viewer: Viewer, input: SavedViewInput): Promise<SavedViewSummary> {
  authorize(viewer, "cases.read");
  const name = cleanName(input.name);
  const query = canonicalViewQuery(input.query);
  try {
    return await prisma.$transaction(async (tx) => {
      const existing = await tx.savedView.findUnique({ where: { ownerId_name: { ownerId: viewer.id, name } } });
      if (existing) throw duplicateName(name);
      const view = await tx.savedView.create({
        data: { ownerId: viewer.id, name, query, layout: json(layoutFor(query)), shared: input.shared },
        select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
      });
      await appendAudit(tx, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "savedView.created",
        entityType: "SavedView",
        entityId: view.id,
        after: { name, query, shared: input.shared },
      });
      return toSummary(viewer, view);
    });
  } catch (e) {
    // Two concurrent saves with one name: the unique index decides, the message stays the same.
    if (isUniqueViolation(e)) throw duplicateName(name);
    throw e;
  }
}

// Someone else's private view does not exist for the viewer; a shared one is visible but not theirs to change.
async function ownedView(tx: Prisma.TransactionClient, viewer: Viewer, id: string) {
  const view = await tx.savedView.findUnique({ where: { id } });
  if (!view || (view.ownerId !== viewer.id && !view.shared)) throw notFound("Saved view");
  if (view.ownerId !== viewer.id) throw forbidden("Only the owner of a view can change or delete it.");
  return view;
}

/** Rename, re-share or overwrite one of the viewer's own views. */
export async function updateSavedView(viewer: Viewer, input: SavedViewUpdate): Promise<SavedViewSummary> {
  authorize(viewer, "cases.read");
  const name = input.name === undefined ? undefined : cleanName(input.name);
  const query = input.query === undefined ? undefined : canonicalViewQuery(input.query);
  try {
    return await prisma.$transaction(async (tx) => {
      const before = await ownedView(tx, viewer, input.id);
      if (name !== undefined && name !== before.name) {
        const clash = await tx.savedView.findUnique({ where: { ownerId_name: { ownerId: viewer.id, name } } });
        if (clash) throw duplicateName(name);
      }
      const view = await tx.savedView.update({
        where: { id: before.id },
        data: {
          ...(name !== undefined && { name }),
          ...(query !== undefined && { query, layout: json(layoutFor(query)) }),
          ...(input.shared !== undefined && { shared: input.shared }),
        },
        select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
      });
      await appendAudit(tx, {
        actorId: viewer.id,
        actorRole: viewer.role,
        action: "savedView.updated",
        entityType: "SavedView",
        entityId: view.id,
        before: { name: before.name, query: before.query, shared: before.shared },
        after: { name: view.name, query: view.query, shared: view.shared },
      });
      return toSummary(viewer, view);
    });
  } catch (e) {
    if (isUniqueViolation(e) && name) throw duplicateName(name);
    throw e;
  }
}

/** Delete one of the viewer's own views. */
export async function deleteSavedView(viewer: Viewer, id: string): Promise<void> {
  authorize(viewer, "cases.read");
  await prisma.$transaction(async (tx) => {
    const view = await ownedView(tx, viewer, id);
    await tx.savedView.delete({ where: { id: view.id } });
    await appendAudit(tx, {
      actorId: viewer.id,
      actorRole: viewer.role,
      action: "savedView.deleted",
      entityType: "SavedView",
      entityId: view.id,
      before: { name: view.name, query: view.query, shared: view.shared },
    });
  });
}
