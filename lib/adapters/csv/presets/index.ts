/** All file presets the import UI can offer, and the lookup of a preset by uploaded file name. */
import { ADVENTUREWORKS_PRESETS } from "./adventureworks";
import { FREPPLE_PRESETS } from "./frepple";
import type { FilePreset } from "./types";

export type { FilePreset, PresetEnrichment } from "./types";

export const FILE_PRESETS: readonly FilePreset[] = [...ADVENTUREWORKS_PRESETS, ...FREPPLE_PRESETS];

/** The preset whose file-name pattern matches (directories stripped), if any. */
export function presetForFile(fileName: string): FilePreset | undefined {
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  return FILE_PRESETS.find((p) => p.fileNamePattern.test(base));
}

export function presetById(id: string): FilePreset | undefined {
  return FILE_PRESETS.find((p) => p.id === id);
}
