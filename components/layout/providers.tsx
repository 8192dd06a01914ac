"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { config } from "zod/mini";

// zod 4 compiles object parsers with `new Function` after probing whether eval is allowed; our CSP
// forbids eval (no 'unsafe-eval'), and the probe alone is reported as a violation. Parse without it.
// (`config` from zod/mini is zod's one global config, shared with classic zod, without pulling
// classic zod into every page's bundle.)
config({ jitless: true });

/** Client-side providers: one React Query client per browser tab. */
export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
