"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import type { ProposalDraft } from "@/lib/case-view/recommendations";

/** A draft handed from a recommendation to the propose form; `seq` makes a repeated click re-apply it. */
export type PendingDraft = ProposalDraft & { seq: number };

type DraftContext = { draft: PendingDraft | null; propose: (d: ProposalDraft) => void };

const Ctx = createContext<DraftContext | null>(null);

/** Lets a "Propose" button on a recommendation pre-fill the propose-action form elsewhere on the page. */
export function ProposeDraftProvider({ children }: { children: React.ReactNode }) {
  const [draft, setDraft] = useState<PendingDraft | null>(null);
  const seq = useRef(0);
  const propose = useCallback((d: ProposalDraft) => {
    seq.current += 1;
    setDraft({ ...d, seq: seq.current });
  }, []);
  const value = useMemo(() => ({ draft, propose }), [draft, propose]);
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

/** null outside a provider (the form then works on its own). */
export const useProposeDraft = () => useContext(Ctx);
