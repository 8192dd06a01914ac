/**
 * @mentions in case comments. The comment body is plain text with "@Full Name" where a person was
 * picked from the autocomplete; the picked user ids travel next to it. The server keeps only the
 * mentions whose "@Name" is still in the text, and the timeline highlights exactly those.
 */

export type Mention = { id: string; name: string };

export type MentionSegment = { text: string; mention?: Mention };

/** Letters, digits and "-" continue a name; anything else (space, punctuation) ends it. */
const NAME_CHAR = /[\p{L}\p{N}\-]/u;

/** True when `@name` occurs in `body` as a whole token (not followed by more name characters). */
function findMention(body: string, name: string, from = 0): number {
  const token = `@${name}`;
  let i = body.indexOf(token, from);
  while (i !== -1) {
    const after = body.charAt(i + token.length);
    const before = i > 0 ? body.charAt(i - 1) : "";
    if ((!after || !NAME_CHAR.test(after)) && (!before || !NAME_CHAR.test(before))) return i;
    i = body.indexOf(token, i + 1);
  }
  return -1;
}

/** The picked mentions still present in the text, each once, in the order picked. */
export function mentionsInBody(body: string, picked: readonly Mention[]): Mention[] {
  const seen = new Set<string>();
  return picked.filter((m) => {
    if (seen.has(m.id) || !m.name.trim() || findMention(body, m.name) === -1) return false;
    seen.add(m.id);
    return true;
  });
}

/** Split a body into plain text and mention segments (longest names first, so "@Sam Lee" beats "@Sam"). */
export function splitMentions(body: string, mentions: readonly Mention[]): MentionSegment[] {
  const byLength = [...mentions].filter((m) => m.name.trim()).sort((a, b) => b.name.length - a.name.length);
  const segments: MentionSegment[] = [];
  let rest = 0;
  while (rest < body.length) {
    let best: { at: number; m: Mention } | null = null;
    for (const m of byLength) {
      const at = findMention(body, m.name, rest);
      if (at !== -1 && (!best || at < best.at)) best = { at, m };
    }
    if (!best) break;
    if (best.at > rest) segments.push({ text: body.slice(rest, best.at) });
    segments.push({ text: `@${best.m.name}`, mention: best.m });
    rest = best.at + best.m.name.length + 1;
  }
  if (rest < body.length) segments.push({ text: body.slice(rest) });
  return segments;
}

/**
 * The "@query" being typed at the caret, for the autocomplete: the text after the nearest "@" that
 * starts a word, up to the caret, when it is at most 40 characters and has no line break.
 */
export function activeMentionQuery(text: string, caret: number): { start: number; query: string } | null {
  const upto = text.slice(0, caret);
  const at = upto.lastIndexOf("@");
  if (at === -1) return null;
  const before = at > 0 ? upto.charAt(at - 1) : "";
  if (before && !/\s|[(\[{"']/.test(before)) return null; // an e-mail address, not a mention
  const query = upto.slice(at + 1);
  if (query.length > 40 || /[\n\r@]/.test(query) || /^\s/.test(query)) return null;
  return { start: at, query };
}

/**
 * Candidates whose name (any word) starts with the query, or contains it; best matches first. A
 * trailing space counts ("Sam " still matches "Sam Super", "Sam Super " — a finished mention — does not).
 */
export function matchCandidates<T extends Mention>(candidates: readonly T[], query: string, limit = 8): T[] {
  const q = query.trimStart().toLowerCase();
  if (!q) return candidates.slice(0, limit);
  const scored = candidates
    .map((c) => {
      const name = c.name.toLowerCase();
      const rank = name.startsWith(q) ? 0 : name.split(/\s+/).some((w) => w.startsWith(q)) ? 1 : name.includes(q) ? 2 : 3;
      return { c, rank };
    })
    .filter((x) => x.rank < 3)
    .sort((a, b) => a.rank - b.rank || a.c.name.localeCompare(b.c.name));
  return scored.slice(0, limit).map((x) => x.c);
}
