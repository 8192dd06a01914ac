/** One entry point for uploads: picks the CSV or XLSX reader from the file name (or an explicit format). */
import { openXlsx } from "@/lib/adapters/xlsx/read-xlsx";
import { openCsv, type CsvInput } from "./read-csv";
import type { OpenedTable } from "./table-row";

export interface OpenTableOptions {
  fileName?: string;
  format?: "csv" | "xlsx";
  /** CSV: force a delimiter instead of sniffing it. */
  delimiter?: string;
  /** XLSX: sheet name (default: the first sheet). */
  sheet?: string;
  skipRows?: number;
}

export function tableFormat(fileName: string | undefined): "csv" | "xlsx" {
  return fileName && /\.xlsx$/i.test(fileName) ? "xlsx" : "csv";
}

export function openTable(input: CsvInput, options: OpenTableOptions = {}): Promise<OpenedTable> {
  const format = options.format ?? tableFormat(options.fileName);
  if (format === "xlsx") return openXlsx(input as AsyncIterable<Buffer>, { sheet: options.sheet, skipRows: options.skipRows });
  return openCsv(input, { delimiter: options.delimiter, skipRows: options.skipRows });
}
