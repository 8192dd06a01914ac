"use client";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { revokeUserSessionsAction, setUserActiveAction } from "@/lib/actions/user-session-actions";
import { Button } from "@/components/ui/button";

/** Per-user controls on the admin users table: end all sessions, deactivate / reactivate. */
export function UserSessionControls({ user, isSelf }: { user: { id: string; name: string; active: boolean }; isSelf: boolean }) {
  const router = useRouter();
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<string | null>(null);
  const run = (fn: () => Promise<{ ok: boolean; error?: string }>, done: string) =>
    start(async () => {
      const r = await fn();
      setMessage(r.ok ? done : (r.error ?? "Something went wrong"));
      router.refresh();
    });
  return (
    <div className="flex flex-wrap items-center justify-end gap-x-1 whitespace-nowrap">
      {message && (
        <span role="status" className="w-full text-right text-xs whitespace-normal text-slate-600">
          {message}
        </span>
      )}
      {user.active && (
        <Button
          variant="ghost"
          className="px-2 py-1 text-xs"
          busy={pending}
          aria-label={`Sign ${user.name} out everywhere`}
          title="End every session of this user on every device"
          onClick={() => run(() => revokeUserSessionsAction({ userId: user.id }), `${user.name} is signed out everywhere.`)}
        >
          End sessions
        </Button>
      )}
      {!isSelf && (
        <Button
          variant={user.active ? "ghost" : "secondary"}
          className="px-2 py-1 text-xs"
          busy={pending}
          aria-label={`${user.active ? "Deactivate" : "Reactivate"} ${user.name}`}
          onClick={() =>
            run(() => setUserActiveAction({ userId: user.id, active: !user.active }), user.active ? `${user.name} is deactivated and signed out.` : `${user.name} can sign in again.`)
          }
        >
          {user.active ? "Deactivate" : "Reactivate"}
        </Button>
      )}
    </div>
  );
}
