"use client";
import { useCallback, useMemo, useState } from "react";
import { useSearchParams } from "next/navigation";
import { casesQueryToSearchParams, parseCasesQueryUrl, type CasesQuery } from "@/lib/search-params/cases-url";

/** Changes that keep the reader on the current page; anything else (a filter, a sort) starts again at page 1. */
const KEEPS_PAGE: readonly (keyof CasesQuery)[] = ["page", "cols", "density"];

const parse = (qs: string) => parseCasesQueryUrl(new URLSearchParams(qs));

/**
 * The queue's state, read from the URL. `setQuery` writes it back with history.replaceState: useSearchParams
 * follows without a server round trip, and the URL is always a link that reproduces the view.
 */
export function useQueueQuery() {
  const url = useSearchParams().toString();
  const fromUrl = useMemo(() => parse(url), [url]);
  // The router reports a replaced URL a moment later; until then our own write wins, so controls never lag.
  const [own, setOwn] = useState<{ replaced: string; query: CasesQuery } | null>(null);
  const query = own && own.replaced === url ? own.query : fromUrl;

  const setQuery = useCallback(
    (patch: Partial<CasesQuery>) => {
      // Built on the address bar, not on a render's snapshot, so quick successive changes all stick.
      const next = { ...parse(window.location.search.slice(1)), ...patch };
      if (!Object.keys(patch).every((k) => KEEPS_PAGE.includes(k as keyof CasesQuery))) next.page = patch.page ?? 1;
      const qs = casesQueryToSearchParams(next).toString();
      window.history.replaceState(null, "", qs ? `/cases?${qs}` : "/cases");
      setOwn({ replaced: url, query: parse(qs) });
    },
    [url],
  );
  return { query, setQuery };
}
