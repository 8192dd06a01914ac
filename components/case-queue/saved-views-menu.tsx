"use client";
import { useState, useTransition } from "react";
import Link from "next/link";
import dynamic from "next/dynamic";
import type { SavedViewSummary } from "@/lib/server/dal/saved-views";
import { deleteSavedViewAction } from "@/lib/actions/saved-view-actions";
import { PopoverDisclosure } from "@/components/case-queue/popover-disclosure";

// Opened on demand: not part of the queue's first load.
const SaveViewDialog = dynamic(() => import("@/components/case-queue/save-view-dialog").then((m) => m.SaveViewDialog));

const viewHref = (query: string) => (query ? `/cases?${query}` : "/cases");

/** Apply a saved view (own or team), save the current one, delete your own. */
export function SavedViewsMenu({ views, currentQuery }: { views: SavedViewSummary[]; currentQuery: string }) {
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState<{ tone: "ok" | "error"; text: string } | null>(null);
  const [busy, start] = useTransition();
  const own = views.filter((v) => v.mine);
  const team = views.filter((v) => !v.mine);

  const remove = (view: SavedViewSummary) =>
    start(async () => {
      const result = await deleteSavedViewAction({ id: view.id });
      setStatus(result.ok ? { tone: "ok", text: `Deleted view “${view.name}”.` } : { tone: "error", text: result.error });
    });

  return (
    <div className="flex items-center gap-2">
      <PopoverDisclosure label="Views" testId="views-button" align="left">
        {(close) => (
          <div className="space-y-3 text-sm" data-testid="views-menu" aria-busy={busy}>
            <section aria-labelledby="own-views-title">
              <h2 id="own-views-title" className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                Your views
              </h2>
              {own.length === 0 ? (
                <p className="text-xs text-slate-600">None yet. Save the current view to come back to it.</p>
              ) : (
                <ul className="space-y-1">
                  {own.map((v) => (
                    <li key={v.id} className="flex items-center justify-between gap-2">
                      <Link href={viewHref(v.query)} onClick={close} className="min-w-0 truncate text-brand-700 underline underline-offset-2">
                        {v.name}
                      </Link>
                      <span className="flex shrink-0 items-center gap-1">
                        {v.shared && <span className="rounded bg-slate-100 px-1 text-xs text-slate-700">shared</span>}
                        <button type="button" onClick={() => remove(v)} disabled={busy} aria-label={`Delete view ${v.name}`} className="rounded px-1.5 text-xs text-rose-700 hover:bg-rose-50">
                          Delete
                        </button>
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <section aria-labelledby="team-views-title">
              <h2 id="team-views-title" className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
                Team views
              </h2>
              {team.length === 0 ? (
                <p className="text-xs text-slate-600">No one has shared a view yet.</p>
              ) : (
                <ul className="space-y-1">
                  {team.map((v) => (
                    <li key={v.id} className="flex items-center justify-between gap-2">
                      <Link href={viewHref(v.query)} onClick={close} className="min-w-0 truncate text-brand-700 underline underline-offset-2">
                        {v.name}
                      </Link>
                      <span className="shrink-0 text-xs text-slate-600">by {v.ownerName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </section>
            <button
              type="button"
              onClick={() => {
                close();
                setSaving(true);
              }}
              className="w-full rounded-md bg-brand-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-brand-700"
            >
              Save current view…
            </button>
          </div>
        )}
      </PopoverDisclosure>
      <span role="status" className={status?.tone === "error" ? "text-xs text-rose-700" : "text-xs text-slate-600"}>
        {status?.text}
      </span>
      {saving && (
        <SaveViewDialog
          query={currentQuery}
          onClose={() => setSaving(false)}
          onSaved={(name) => {
            setSaving(false);
            setStatus({ tone: "ok", text: `Saved view “${name}”.` });
          }}
        />
      )}
    </div>
  );
}
