/**
 * Deterministic generator of a large, valid X12 interchange for the ingest benchmark: 846 inventory advices with
 * `lines` LIN items in total (500 per transaction set, so a streaming reader holds one set at a time), each with
 * QTY*17 on hand and QTY*33 available, at warehouse DC01. Same input → same bytes.
 */
import type { Separators } from "./separators";
import { writeIsa, writeSegment } from "./writer";

const SEPS: Separators & { component: string } = { element: "*", repetition: "^", component: ">", segment: "~" };
const NL = "\n";

export interface GenerateOptions {
  linesPerSet?: number;
  /** Distinct SKUs cycled through (default 5000). */
  skus?: number;
}

export async function* generateLargeX12(lines: number, options: GenerateOptions = {}): AsyncIterable<string> {
  yield* generateLargeX12Sync(lines, options);
}

export function* generateLargeX12Sync(lines: number, options: GenerateOptions = {}): Generator<string> {
  const perSet = options.linesPerSet ?? 500;
  const skus = options.skus ?? 5000;
  const seg = (...e: (string | number)[]) => writeSegment(e, SEPS) + NL;
  const setCount = Math.ceil(lines / perSet);
  yield writeIsa(["00", "", "00", "", "ZZ", "WMSPARTNER", "ZZ", "WORKBENCH", "240115", "0600", "^", "00501", "100000001", "0", "P"], SEPS) + NL;
  yield seg("GS", "IB", "WMSPARTNER", "WORKBENCH", "20240115", "0600", "1", "X", "005010");
  let line = 0;
  for (let s = 1; s <= setCount; s++) {
    const control = String(s).padStart(4, "0");
    const count = Math.min(perSet, lines - line);
    const parts: string[] = [seg("ST", "846", control), seg("BIA", "00", "DD", `INV${control}`, "20240115", "0600"), seg("N1", "WH", "Main DC", "92", "DC01")];
    for (let i = 0; i < count; i++) {
      line++;
      const sku = `SKU-${String((line - 1) % skus + 1).padStart(5, "0")}`;
      const onHand = (line * 7919) % 1000;
      parts.push(seg("LIN", line, "SK", sku), seg("QTY", "17", onHand, "EA"), seg("QTY", "33", Math.max(0, onHand - (line % 17)), "EA"));
    }
    parts.push(seg("CTT", count), seg("SE", 3 + count * 3 + 2, control));
    yield parts.join("");
  }
  yield seg("GE", setCount, "1");
  yield seg("IEA", 1, "100000001");
}
