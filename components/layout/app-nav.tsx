"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { hasPermission, type Permission, type Role } from "@/lib/domain/auth/permissions";
import { cn } from "@/lib/utils/cn";
import { humanize } from "@/lib/utils/format";
import { NotificationBell } from "@/components/layout/notification-bell";
import { SignOutEverywhereButton } from "@/components/layout/sign-out-everywhere-button";

// next-auth's client is needed only to sign out: loaded on that click, not on every page's first load.
const signOutNow = async () => (await import("next-auth/react")).signOut({ callbackUrl: "/login" });

const LINKS: { href: string; label: string; permission: Permission }[] = [
  { href: "/cases", label: "Case queue", permission: "cases.read" },
  { href: "/approvals", label: "Approvals", permission: "actions.approve" },
  { href: "/approvals#my-requests", label: "My requests", permission: "cases.propose" },
  { href: "/kpi", label: "KPIs", permission: "kpi.read" },
  { href: "/audit", label: "Audit log", permission: "audit.read" },
  { href: "/admin", label: "Settings", permission: "admin.manage" },
  { href: "/admin/sources", label: "Data sources", permission: "admin.manage" },
  { href: "/admin/detection", label: "Detection & routing", permission: "admin.manage" },
  { href: "/admin/tuning", label: "Rule tuning", permission: "admin.manage" },
  { href: "/admin/approvals", label: "Approval policy", permission: "admin.manage" },
  { href: "/admin/notifications", label: "Notifications", permission: "admin.manage" },
  // Every role has cases.read: everyone manages their own notification preferences.
  { href: "/settings/notifications", label: "My notifications", permission: "cases.read" },
  { href: "/admin/system", label: "System health", permission: "admin.manage" },
];

type NavViewer = { name: string; email: string; role: Role; allSites: boolean; siteCount: number };

/** Sidebar (top bar on narrow screens). Hides links the role cannot use; the server enforces it anyway. */
export function AppNav({ viewer }: { viewer: NavViewer }) {
  const pathname = usePathname();
  // The deepest matching link is the current one (/admin/sources/x is "Data sources", not "Settings").
  const current = LINKS.filter((l) => pathname === l.href || pathname.startsWith(`${l.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Main" className="flex shrink-0 flex-col gap-4 border-b border-slate-200 bg-white p-4 lg:w-56 lg:border-r lg:border-b-0">
      <a href="#main" className="sr-only focus:not-sr-only">
        Skip to content
      </a>
      <div className="flex items-center justify-between gap-2">
        <Link href="/" className="text-base font-semibold text-brand-700">
          Exception Workbench
        </Link>
        <NotificationBell />
      </div>
      <ul className="flex flex-wrap gap-1 lg:flex-col">
        {LINKS.filter((l) => hasPermission(viewer.role, l.permission)).map((l) => {
          const active = l.href === current;
          return (
            <li key={l.href}>
              <Link
                href={l.href}
                aria-current={active ? "page" : undefined}
                className={cn("block rounded-md px-2.5 py-1.5 text-sm", active ? "bg-brand-50 font-medium text-brand-700" : "text-slate-700 hover:bg-slate-100")}
              >
                {l.label}
              </Link>
            </li>
          );
        })}
      </ul>
      <div className="mt-auto border-t border-slate-100 pt-3 text-xs text-slate-600" data-testid="current-user">
        <div className="font-medium text-slate-800">{viewer.name}</div>
        <div>
          {humanize(viewer.role)} · {viewer.allSites ? "all sites" : `${viewer.siteCount} site${viewer.siteCount === 1 ? "" : "s"}`}
        </div>
        <div className="mt-2 flex flex-col items-start gap-1">
          <button type="button" onClick={() => void signOutNow()} className="text-brand-700 underline underline-offset-2">
            Sign out
          </button>
          <SignOutEverywhereButton />
        </div>
      </div>
    </nav>
  );
}
