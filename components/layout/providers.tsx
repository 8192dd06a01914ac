"use client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";
import { ZOD_JITLESS } from "@/lib/utils/zod-jitless";

// zod 4 compiles object parsers with `new Function` after probing whether eval is allowed; our CSP
// forbids eval (no 'unsafe-eval'), and the probe alone is reported as a violation. Parse without it.
// Set without importing zod, so pages that parse nothing in the browser (the queue) do not ship it.
ZOD_JITLESS.apply();

/** Client-side providers: one React Query client per browser tab. */
export function Providers({ children }: { children: React.ReactNode }) {
  const [client] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, refetchOnWindowFocus: true, retry: 1 } } }),
  );
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
