"use client";
import { useState } from "react";

/** Copy the page's URL — filters, sort, page and layout included — so a colleague sees the same queue. */
export function CopyLinkButton() {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      setState("copied");
    } catch {
      setState("failed");
    }
    setTimeout(() => setState("idle"), 4000);
  };
  return (
    <span className="inline-flex items-center gap-2">
      <button type="button" onClick={copy} className="rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 ring-1 ring-inset ring-slate-300 hover:bg-slate-50">
        Copy link
      </button>
      <span role="status" className="text-xs text-slate-600">
        {state === "copied" ? "Link copied" : state === "failed" ? "Could not copy; use the address bar" : ""}
      </span>
    </span>
  );
}
