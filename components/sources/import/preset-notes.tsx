import type { PresetView } from "./types";

/** What a preset assumes about the file, and whether the companion file its optional enrichment reads is there yet. */
export function PresetNotes({ preset }: { preset: PresetView }) {
  const enrichment = preset.enrichment;
  return (
    <div className="space-y-1 rounded-md border border-sky-200 bg-sky-50 px-3 py-2 text-sm text-sky-900" data-testid="preset-notes">
      <p className="font-medium">Preset: {preset.label}</p>
      {preset.notes.length > 0 && (
        <ul className="list-disc space-y-0.5 pl-5 text-xs">
          {preset.notes.map((n) => (
            <li key={n}>{n}</li>
          ))}
        </ul>
      )}
      {enrichment && (
        <p className="text-xs" data-testid="enrichment-note">
          Optional enrichment — {enrichment.description}{" "}
          {enrichment.companionFileName ? (
            <>Found {enrichment.companionFileName} from an earlier upload: it is used by this import.</>
          ) : (
            <strong className="font-semibold">That file has not been uploaded to this source: upload it first to get these fields (the import works without them).</strong>
          )}
        </p>
      )}
    </div>
  );
}
