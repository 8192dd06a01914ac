"use client";
import { useState, useTransition } from "react";
import { signOutEverywhereAction } from "@/lib/actions/user-session-actions";

/**
 * "Sign out everywhere": ends every session of this user on every device (the server refuses tokens
 * issued before), then signs this browser out. Asks once before doing it.
 */
export function SignOutEverywhereButton() {
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, start] = useTransition();
  const link = "text-left text-brand-700 underline underline-offset-2 disabled:text-slate-400";
  if (!confirming) {
    return (
      <button type="button" className={link} onClick={() => setConfirming(true)}>
        Sign out everywhere
      </button>
    );
  }
  return (
    <div role="group" aria-label="Sign out everywhere" className="mt-1 space-y-1 rounded-md bg-slate-50 p-2 text-left">
      <p>End your sessions on every device, this one included?</p>
      {error && <p role="alert" className="text-rose-700">{error}</p>}
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        <button
          type="button"
          className={link}
          disabled={pending}
          onClick={() =>
            start(async () => {
              const r = await signOutEverywhereAction();
              if (!r.ok && r.code !== "UNAUTHENTICATED") return setError(r.error);
              // next-auth's client, loaded on this click only (not part of every page's first load).
              await (await import("next-auth/react")).signOut({ callbackUrl: "/login" });
            })
          }
        >
          {pending ? "Signing out…" : "Yes, sign out everywhere"}
        </button>
        <button type="button" className={link} onClick={() => setConfirming(false)} disabled={pending}>
          Cancel
        </button>
      </div>
    </div>
  );
}
