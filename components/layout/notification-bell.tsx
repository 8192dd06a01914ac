"use client";
import { useEffect, useId, useRef, useState } from "react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bell } from "lucide-react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { markNotificationsReadAction } from "@/lib/actions/notification-actions";
import type { NotificationInbox } from "@/lib/server/dal/notifications";
import { cn } from "@/lib/utils/cn";
import { formatRelative } from "@/lib/utils/format";

const KEY = ["notifications"] as const;

async function fetchInbox(): Promise<NotificationInbox> {
  const res = await fetch("/api/notifications", { headers: { Accept: "application/json" }, cache: "no-store" });
  if (!res.ok) throw new Error(`notifications: HTTP ${res.status}`);
  return (await res.json()) as NotificationInbox;
}

/**
 * The bell in the main navigation: unread count (polled every 30 s), and a panel listing the latest
 * notifications. Opening one marks it read; "Mark all read" clears the count.
 */
export function NotificationBell() {
  const client = useQueryClient();
  const router = useRouter();
  const inbox = useQuery({ queryKey: KEY, queryFn: fetchInbox, refetchInterval: 30_000, refetchOnWindowFocus: true });
  const [open, setOpen] = useState(false);
  const [markError, setMarkError] = useState<string | null>(null);
  const panelId = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const unread = inbox.data?.unread ?? 0;

  useEffect(() => {
    if (!open) return;
    const onPointer = (e: PointerEvent) => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  async function markRead(ids?: string[]) {
    setMarkError(null);
    try {
      const result = await markNotificationsReadAction(ids ? { ids } : {});
      if (!result.ok) setMarkError(result.error);
    } catch {
      setMarkError("Could not reach the server; the notifications stay unread.");
    }
    await client.invalidateQueries({ queryKey: KEY });
  }

  const label = inbox.isPending ? "Notifications" : inbox.isError && !inbox.data ? "Notifications (could not load)" : `Notifications, ${unread} unread`;

  return (
    <div
      ref={root}
      className="relative"
      onKeyDown={(e) => {
        if (e.key === "Escape" && open) {
          e.stopPropagation();
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      <button
        ref={button}
        type="button"
        aria-label={label}
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen((o) => !o)}
        data-testid="notification-bell"
        className="relative inline-flex items-center gap-1 rounded-md px-2 py-1.5 text-slate-700 hover:bg-slate-100"
      >
        <Bell className="size-5" aria-hidden />
        {unread > 0 && (
          <span data-testid="notification-count" className="min-w-5 rounded-full bg-rose-600 px-1.5 text-center text-xs font-semibold text-white">
            {unread > 99 ? "99+" : unread}
          </span>
        )}
      </button>
      <div
        id={panelId}
        hidden={!open}
        role="region"
        aria-label="Notifications"
        data-testid="notification-panel"
        className="absolute left-0 z-30 mt-1 max-h-[70vh] w-80 max-w-[calc(100vw-2rem)] overflow-y-auto rounded-lg border border-slate-200 bg-white p-3 text-sm shadow-lg"
      >
        {open && (
          <div className="space-y-2">
            <div className="flex items-center justify-between gap-2">
              <h2 className="text-sm font-semibold text-slate-800">Notifications</h2>
              {unread > 0 && (
                <button type="button" onClick={() => markRead()} className="text-xs text-brand-700 underline underline-offset-2">
                  Mark all read
                </button>
              )}
            </div>
            {markError && (
              <p role="alert" className="text-xs text-rose-700">
                {markError}
              </p>
            )}
            {inbox.isPending ? (
              <p className="text-slate-600">Loading notifications…</p>
            ) : inbox.isError && !inbox.data ? (
              <p role="alert" className="text-rose-700">
                Notifications could not be loaded. They will be retried in 30 seconds.
              </p>
            ) : inbox.data.items.length === 0 ? (
              <p className="text-slate-600">No notifications yet. You are notified of mentions, approvals, decisions, failed write-backs, critical cases and SLA warnings.</p>
            ) : (
              <ul className="divide-y divide-slate-100">
                {inbox.data.items.map((n) => (
                  <li key={n.id} data-testid="notification-item" data-unread={n.readAt ? "false" : "true"}>
                    <Link
                      href={n.link ?? "/cases"}
                      onClick={async (e) => {
                        // A new-tab click keeps the browser's behaviour; the read mark goes out in the background.
                        if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) {
                          if (!n.readAt) void markRead([n.id]);
                          return;
                        }
                        // Mark it read first, then go: the count is right on the page it opens.
                        e.preventDefault();
                        setOpen(false);
                        if (!n.readAt) await markRead([n.id]);
                        router.push(n.link ?? "/cases");
                      }}
                      className="block py-2 hover:bg-slate-50"
                    >
                      <span className={cn("block", n.readAt ? "text-slate-700" : "font-semibold text-slate-900")}>
                        {!n.readAt && <span className="sr-only">Unread: </span>}
                        {n.title}
                      </span>
                      {n.body && <span className="mt-0.5 line-clamp-2 block text-xs text-slate-600">{n.body}</span>}
                      <time dateTime={n.createdAt} className="mt-0.5 block text-xs text-slate-600">
                        {formatRelative(n.createdAt)}
                      </time>
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            <Link href="/settings/notifications" onClick={() => setOpen(false)} className="block border-t border-slate-100 pt-2 text-xs text-brand-700 underline underline-offset-2">
              Notification preferences (e-mail, Slack, Teams, digest)
            </Link>
          </div>
        )}
      </div>
    </div>
  );
}
