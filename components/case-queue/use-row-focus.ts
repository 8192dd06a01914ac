"use client";
import { useCallback, useEffect, useRef, useState } from "react";

/**
 * The highlighted queue row (roving tabindex: that row is the table's one tab stop). Tracked by case id so it
 * survives refetches; if the row leaves the page, the highlight stays at the same position.
 */
export function useRowFocus(rowIds: string[]) {
  const [focusedId, setFocusedId] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const elements = useRef(new Map<string, HTMLTableRowElement>());

  const currentId = focusedId === null ? null : rowIds.includes(focusedId) ? focusedId : (rowIds[Math.min(lastIndex.current, rowIds.length - 1)] ?? null);

  // When the highlighted row disappeared, move the highlight (and DOM focus, if it was lost with the row).
  useEffect(() => {
    if (currentId === focusedId) return;
    setFocusedId(currentId);
    if (currentId && (document.activeElement === document.body || document.activeElement === null)) elements.current.get(currentId)?.focus({ preventScroll: true });
  }, [currentId, focusedId]);

  const focusRow = useCallback(
    (id: string) => {
      const index = rowIds.indexOf(id);
      if (index < 0) return;
      lastIndex.current = index;
      setFocusedId(id);
      const el = elements.current.get(id);
      el?.focus({ preventScroll: true });
      el?.scrollIntoView({ block: "nearest" });
    },
    [rowIds],
  );

  const move = useCallback(
    (delta: 1 | -1) => {
      if (rowIds.length === 0) return;
      const index = currentId ? rowIds.indexOf(currentId) : -1;
      const next = index < 0 ? (delta > 0 ? 0 : rowIds.length - 1) : Math.min(rowIds.length - 1, Math.max(0, index + delta));
      focusRow(rowIds[next]);
    },
    [rowIds, currentId, focusRow],
  );

  /** Ref callback for a row element. */
  const register = useCallback(
    (id: string) => (el: HTMLTableRowElement | null) => {
      if (el) elements.current.set(id, el);
      else elements.current.delete(id);
    },
    [],
  );

  /** Follow focus that arrives by mouse or Tab (a click into a row makes it the highlighted one). */
  const noteFocus = useCallback(
    (id: string) => {
      const index = rowIds.indexOf(id);
      if (index >= 0) lastIndex.current = index;
      setFocusedId(id);
    },
    [rowIds],
  );

  return { focusedId: currentId, move, focusRow, register, noteFocus };
}
