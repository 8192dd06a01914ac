/**
 * One channel-neutral message, formatted for each transport: Slack-compatible incoming webhooks
 * (`{ text, blocks }`, Block Kit — also accepted by Mattermost and Rocket.Chat), Teams-compatible
 * incoming webhooks (a message with an Adaptive Card attachment, which both Teams Workflows webhooks and
 * the older Office 365 connectors accept) and e-mail (subject, plain text, HTML). Links are made absolute
 * with the app's public URL at send time. Pure.
 */
import type { ItemMark } from "@/lib/domain/notify/digest";

export type MessageFact = { label: string; value: string };
export type DigestSectionView = { heading: string; items: { title: string; detail: string; link: string; mark: ItemMark }[] };

export type NotifyMessage = {
  /** Event kind, or DIGEST / TEST. */
  kind: string;
  title: string;
  body: string;
  /** App-relative link ("/cases/…"); null when there is nothing to open. */
  link: string | null;
  facts?: MessageFact[];
  digest?: { date: string; sections: DigestSectionView[]; removed: number; changed: number };
};

const SLACK_TEXT_MAX = 2900;
const clip = (s: string, max: number) => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

/** `base` + app-relative `link`; an absolute link is returned as is. */
export function absoluteUrl(base: string, link: string): string {
  if (/^https?:\/\//i.test(link)) return link;
  return `${base.replace(/\/+$/, "")}/${link.replace(/^\/+/, "")}`;
}

/** Slack mrkdwn needs &, < and > escaped (they delimit links and mentions). */
export function slackEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function htmlEscape(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

const MARK_LABEL: Record<ItemMark, string> = { new: "new", changed: "changed", unchanged: "" };

function digestLines(m: NotifyMessage, render: (item: DigestSectionView["items"][number]) => string): string[] {
  const out: string[] = [];
  for (const s of m.digest?.sections ?? []) {
    if (s.items.length === 0) continue;
    out.push(`*${s.heading}* (${s.items.length})`);
    for (const item of s.items) out.push(render(item));
  }
  return out;
}

const removedNote = (m: NotifyMessage) => (m.digest && m.digest.removed > 0 ? `${m.digest.removed} item${m.digest.removed === 1 ? "" : "s"} left your list since the last digest.` : null);

/** Slack-compatible incoming-webhook body: `text` is the notification fallback, `blocks` the rich layout. */
export function slackPayload(m: NotifyMessage, baseUrl: string): { text: string; blocks: unknown[] } {
  const url = m.link ? absoluteUrl(baseUrl, m.link) : null;
  const blocks: unknown[] = [{ type: "header", text: { type: "plain_text", text: clip(m.title, 150), emoji: false } }];
  if (m.body) blocks.push({ type: "section", text: { type: "mrkdwn", text: clip(slackEscape(m.body), SLACK_TEXT_MAX) } });
  if (m.facts?.length) blocks.push({ type: "section", fields: m.facts.slice(0, 10).map((f) => ({ type: "mrkdwn", text: clip(`*${slackEscape(f.label)}*\n${slackEscape(f.value)}`, 2000) })) });
  if (m.digest) {
    const lines = digestLines(m, (i) => `• <${absoluteUrl(baseUrl, i.link)}|${slackEscape(i.title)}>${i.mark !== "unchanged" ? ` _(${MARK_LABEL[i.mark]})_` : ""} — ${slackEscape(i.detail)}`);
    // One section per ~2,900 characters (Slack's section text limit is 3,000).
    let chunk = "";
    for (const line of lines) {
      if (chunk.length + line.length + 1 > SLACK_TEXT_MAX) {
        blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
        chunk = "";
      }
      chunk = chunk ? `${chunk}\n${line}` : line;
    }
    if (chunk) blocks.push({ type: "section", text: { type: "mrkdwn", text: chunk } });
    const note = removedNote(m);
    if (note) blocks.push({ type: "context", elements: [{ type: "mrkdwn", text: note }] });
  }
  if (url) blocks.push({ type: "actions", elements: [{ type: "button", text: { type: "plain_text", text: m.digest ? "Open the workbench" : "Open in Exception Workbench" }, url }] });
  const text = url ? `${slackEscape(m.title)} <${url}|Open>` : slackEscape(m.title);
  return { text, blocks };
}

/** Teams-compatible incoming-webhook body: a message carrying one Adaptive Card (schema 1.4). */
export function teamsPayload(m: NotifyMessage, baseUrl: string): Record<string, unknown> {
  const url = m.link ? absoluteUrl(baseUrl, m.link) : null;
  const body: unknown[] = [{ type: "TextBlock", text: m.title, weight: "Bolder", size: "Medium", wrap: true }];
  if (m.body) body.push({ type: "TextBlock", text: m.body, wrap: true });
  if (m.facts?.length) body.push({ type: "FactSet", facts: m.facts.map((f) => ({ title: f.label, value: f.value })) });
  for (const s of m.digest?.sections ?? []) {
    if (s.items.length === 0) continue;
    body.push({ type: "TextBlock", text: `${s.heading} (${s.items.length})`, weight: "Bolder", wrap: true, spacing: "Medium" });
    for (const i of s.items) {
      body.push({ type: "TextBlock", text: `[${i.title}](${absoluteUrl(baseUrl, i.link)})${i.mark !== "unchanged" ? ` (${MARK_LABEL[i.mark]})` : ""} — ${i.detail}`, wrap: true, spacing: "Small" });
    }
  }
  const note = removedNote(m);
  if (note) body.push({ type: "TextBlock", text: note, isSubtle: true, wrap: true });
  const card = {
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    type: "AdaptiveCard",
    version: "1.4",
    body,
    ...(url ? { actions: [{ type: "Action.OpenUrl", title: m.digest ? "Open the workbench" : "Open in Exception Workbench", url }] } : {}),
  };
  return { type: "message", summary: m.title, attachments: [{ contentType: "application/vnd.microsoft.card.adaptive", contentUrl: null, content: card }] };
}

/** E-mail: subject, plain-text and HTML bodies with the same content. */
export function emailContent(m: NotifyMessage, baseUrl: string): { subject: string; text: string; html: string } {
  const url = m.link ? absoluteUrl(baseUrl, m.link) : null;
  const subject = clip(`[Exception Workbench] ${m.title}`.replace(/[\r\n]+/g, " "), 200);
  const text: string[] = [m.title, ""];
  const html: string[] = [`<h2 style="font-family:sans-serif;font-size:18px">${htmlEscape(m.title)}</h2>`];
  if (m.body) {
    text.push(m.body, "");
    html.push(`<p style="font-family:sans-serif">${htmlEscape(m.body)}</p>`);
  }
  if (m.facts?.length) {
    for (const f of m.facts) text.push(`${f.label}: ${f.value}`);
    text.push("");
    html.push(`<table style="font-family:sans-serif;font-size:14px">${m.facts.map((f) => `<tr><th align="left" style="padding-right:12px">${htmlEscape(f.label)}</th><td>${htmlEscape(f.value)}</td></tr>`).join("")}</table>`);
  }
  for (const s of m.digest?.sections ?? []) {
    if (s.items.length === 0) continue;
    text.push(`${s.heading} (${s.items.length})`);
    html.push(`<h3 style="font-family:sans-serif;font-size:15px">${htmlEscape(s.heading)} (${s.items.length})</h3><ul style="font-family:sans-serif">`);
    for (const i of s.items) {
      const mark = i.mark !== "unchanged" ? ` [${MARK_LABEL[i.mark]}]` : "";
      text.push(`- ${i.title}${mark} — ${i.detail}`, `  ${absoluteUrl(baseUrl, i.link)}`);
      html.push(`<li><a href="${htmlEscape(absoluteUrl(baseUrl, i.link))}">${htmlEscape(i.title)}</a>${mark ? ` <strong>${htmlEscape(mark.trim())}</strong>` : ""} — ${htmlEscape(i.detail)}</li>`);
    }
    text.push("");
    html.push("</ul>");
  }
  const note = removedNote(m);
  if (note) {
    text.push(note, "");
    html.push(`<p style="font-family:sans-serif;color:#555">${htmlEscape(note)}</p>`);
  }
  if (url) {
    text.push(`Open: ${url}`);
    html.push(`<p style="font-family:sans-serif"><a href="${htmlEscape(url)}">Open in Exception Workbench</a></p>`);
  }
  text.push("", "You get this because of your notification preferences in Exception Workbench.");
  html.push(`<p style="font-family:sans-serif;font-size:12px;color:#777">You get this because of your notification preferences in Exception Workbench.</p>`);
  return { subject, text: text.join("\n"), html: html.join("\n") };
}
