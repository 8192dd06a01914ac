/** The shape of the access-matrix expectations table (see access-matrix.test.ts for how it is used). */
import type { Permission } from "@/lib/domain/auth/permissions";
import type { PrismaClient } from "@/lib/server/generated/prisma/client";
import type { Viewer } from "@/lib/server/auth/load-viewer";
import type { Fixtures } from "@/lib/testing/access-matrix/fixtures";

/** Own site = a site the actor is assigned to (DC-ATL for the demo planner); other = one they are not (DC-LAX). */
export type SiteCase = "own" | "other";

export type Cell = {
  prisma: PrismaClient;
  fx: Fixtures;
  actor: Viewer;
  site: SiteCase;
  /** Location id of the site the sample's rows live at. */
  siteId: string;
  /** Set by a route sample: the row the response must contain for the call to count as a success. */
  sampleId?: string;
};

type Common = {
  /**
   * The permission the server demands. "signed-in": any role, on the viewer's own data (own
   * notifications, own sessions, own saved views need no role permission beyond being signed in).
   */
  permission: Permission | "signed-in";
  /** Works on site-owned rows: a viewer without that site must get NOT_FOUND (or the row skipped), never success. */
  siteScoped: boolean;
  /** Tables a successful call must change ([] for reads). */
  changes: readonly string[];
  /** Why the entry is shaped as it is, when not obvious. */
  note?: string;
};

export type ActionExpectation = Common & {
  /** The argument for this cell, after creating whatever rows it needs (fresh rows per cell). */
  sample: (cell: Cell) => Promise<unknown>;
  /** Success beyond `ok: true` (e.g. a triage call must really update the case, not skip it). */
  succeeded?: (data: unknown) => boolean;
  /** A refusal reported inside `ok: true` (e.g. triage skips cases outside the viewer's sites as "not found"). */
  refusedInside?: (data: unknown) => boolean;
};

export type RouteCall = { url: string; init?: RequestInit; params?: Record<string, string> };

export type RouteExpectation =
  | (Common & {
      auth: "session";
      request: (cell: Cell) => Promise<RouteCall>;
      /** 2xx is not enough for reads that filter: says whether the sample's row really came back. */
      succeeded?: (response: Response, cell: Cell) => Promise<boolean>;
    })
  | { auth: "hmac"; note: string }
  | { auth: "public"; note: string };
