/**
 * The X12 reader. `readX12` streams: it pulls chunks from a file stream and yields one event per transaction set
 * (plus interchange start/end), holding only the current set in memory. `parseX12` is the same machine run over a
 * string, for small payloads.
 */
import { EnvelopeReader } from "./envelope";
import type { X12Error } from "./errors";
import type { InterchangeSummary, TransactionSet, X12Event } from "./model";
import { X12Tokenizer } from "./tokenizer";

export async function* readX12(source: AsyncIterable<string | Buffer | Uint8Array>): AsyncGenerator<X12Event> {
  const tokenizer = new X12Tokenizer();
  const envelope = new EnvelopeReader();
  const decoder = new TextDecoder("utf-8");
  let stopped = false;
  for await (const chunk of source) {
    const text = typeof chunk === "string" ? chunk : decoder.decode(chunk, { stream: true });
    for (const token of tokenizer.feed(text)) {
      for (const event of envelope.push(token)) {
        yield event;
        if (event.type === "fatal") stopped = true;
      }
    }
    if (stopped) return;
  }
  const tail = decoder.decode();
  const tokens = [...(tail ? tokenizer.feed(tail) : []), ...tokenizer.end()];
  for (const token of tokens) yield* envelope.push(token);
  yield* envelope.finish();
}

export interface ParsedX12 {
  sets: TransactionSet[];
  interchanges: InterchangeSummary[];
  /** Set when the payload could not be read to its end (not X12, EDIFACT, malformed ISA…). */
  fatal: X12Error | null;
  events: X12Event[];
}

export function parseX12(text: string): ParsedX12 {
  const tokenizer = new X12Tokenizer();
  const envelope = new EnvelopeReader();
  const events: X12Event[] = [];
  for (const token of [...tokenizer.feed(text), ...tokenizer.end()]) events.push(...envelope.push(token));
  events.push(...envelope.finish());
  const parsed: ParsedX12 = { sets: [], interchanges: [], fatal: null, events };
  for (const e of events) {
    if (e.type === "set") parsed.sets.push(e.set);
    else if (e.type === "interchange-end") parsed.interchanges.push(e.summary);
    else if (e.type === "fatal") parsed.fatal = e.error;
  }
  return parsed;
}
