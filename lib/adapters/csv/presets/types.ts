/** What the import UI offers: ready mappings for known file sets, in the order their files should be imported. */
import type { RowEnricher } from "../map-table";
import type { ColumnMapping } from "../mapping";
import type { FileEntity } from "../field-catalog";
import type { TableRow } from "../table-row";

export interface PresetEnrichment {
  /** The companion file (same set) that supplies extra columns. */
  fileNamePattern: RegExp;
  description: string;
  /** Reads the companion's rows once (small master-data files) and returns the row enricher. */
  build(rows: AsyncIterable<TableRow>): Promise<RowEnricher>;
  /** Use this mapping instead of the plain one when rows are enriched: it also maps the derived columns. */
  mapping: ColumnMapping;
}

export interface FilePreset {
  id: string;
  label: string;
  /** Which file set the preset belongs to ("adventureworks", "frepple-distribution"). */
  set: string;
  /** Matches the uploaded file's name (base name, case-insensitive). */
  fileNamePattern: RegExp;
  entity: FileEntity;
  mapping: ColumnMapping;
  /** Import files of a set in ascending order, so referenced master data exists first. */
  importOrder: number;
  /** Optional: derived fields from another file of the same set; the preset works without it. */
  enrichment?: PresetEnrichment;
  /** Assumptions the mapping makes about the source, shown to the user. */
  notes: string[];
}
