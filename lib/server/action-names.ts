import "server-only";
/**
 * Server actions arrive as a POST with a `next-action: <id>` header; the id is a hash. For readable
 * log lines we look the id up in the server-reference manifest Next writes at build time (and in
 * dev), which names each action's export and file. Read once per process; when it cannot be read the
 * id itself is logged, which still identifies the action within one build.
 */
import { readFileSync } from "node:fs";
import path from "node:path";

type ManifestEntry = { exportedName?: string; filename?: string };
const globalForNames = globalThis as unknown as { workbenchActionNames?: Map<string, string> };

function loadNames(): Map<string, string> {
  const names = new Map<string, string>();
  const root = process.cwd();
  // turbopackIgnore: a runtime read of Next's own output, not a file to trace into the build.
  const candidates = [path.join(/*turbopackIgnore: true*/ root, ".next/server/server-reference-manifest.json"), path.join(/*turbopackIgnore: true*/ root, ".next/dev/server/server-reference-manifest.json")];
  for (const file of candidates) {
    try {
      const manifest = JSON.parse(readFileSync(/*turbopackIgnore: true*/ file, "utf8")) as { node?: Record<string, ManifestEntry> };
      for (const [id, entry] of Object.entries(manifest.node ?? {})) if (entry.exportedName) names.set(id, entry.exportedName);
      if (names.size > 0) break;
    } catch {
      /* not built yet, or another layout: fall back to ids */
    }
  }
  return names;
}

/** The exported name of the server action with this id, else the id (null when there is none). */
export function actionName(actionId: string | null): string | null {
  if (!actionId) return null;
  let names = (globalForNames.workbenchActionNames ??= loadNames());
  // Dev rebuilds add actions as pages compile: reload once when an id is unknown.
  if (!names.has(actionId) && process.env.NODE_ENV === "development") names = globalForNames.workbenchActionNames = loadNames();
  return names.get(actionId) ?? actionId;
}
