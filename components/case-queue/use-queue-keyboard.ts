"use client";
import { useEffect, useRef } from "react";

export type QueueKeyHandlers = {
  next: () => void;
  previous: () => void;
  open: () => void;
  toggleSelect: () => void;
  assignToMe: () => void;
  snooze: () => void;
  focusSearch: () => void;
  help: () => void;
};

const TEXT_INPUT_TYPES = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file", "image"]);

// Keys belong to the field while someone types in it.
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLInputElement) return !TEXT_INPUT_TYPES.has(target.type);
  return target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement;
}

/**
 * Queue shortcuts: j/k move, Enter opens, x selects, a assigns to me, s snoozes, / searches, ? helps. Ignored while
 * typing, with modifier keys, and while a dialog is open. Enter only acts on a focused row (or nothing focused),
 * so it never hijacks a link or a button.
 */
export function useQueueKeyboard(handlers: QueueKeyHandlers) {
  const ref = useRef(handlers);
  useEffect(() => {
    ref.current = handlers;
  });

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.isComposing) return;
      if (isTyping(e.target) || document.querySelector("dialog[open]")) return;
      const h = ref.current;
      const onRowOrPage = e.target === document.body || (e.target instanceof HTMLElement && e.target.dataset.rowId !== undefined);
      const act: Record<string, (() => void) | undefined> = {
        j: h.next,
        k: h.previous,
        x: h.toggleSelect,
        a: h.assignToMe,
        s: h.snooze,
        "/": h.focusSearch,
        "?": h.help,
        Enter: onRowOrPage ? h.open : undefined,
      };
      const handler = act[e.key];
      if (!handler) return;
      e.preventDefault();
      handler();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}
