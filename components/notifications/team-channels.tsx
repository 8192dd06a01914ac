"use client";
import { useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { deleteTeamWebhookAction, testTeamWebhookAction } from "@/lib/actions/notification-admin-actions";
import { KIND_LABELS, isChannelKind } from "@/lib/domain/notify/kinds";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { TeamChannelForm, type TeamChannelValue } from "@/components/notifications/team-channel-form";

type Channel = Required<Pick<TeamChannelValue, "id" | "urlHint">> & TeamChannelValue;

/** Team channels: where case events are posted for everyone in a Slack or Teams channel. */
export function TeamChannels({ channels, sites, teams }: { channels: Channel[]; sites: { id: string; code: string }[]; teams: string[] }) {
  const router = useRouter();
  const [editing, setEditing] = useState<string | "new" | null>(null);
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);
  const siteCode = new Map(sites.map((s) => [s.id, s.code]));

  const act = (fn: () => Promise<{ ok: boolean; error?: string }>, success: string) =>
    start(async () => {
      setMessage(null);
      const r = await fn();
      if (r.ok) {
        setMessage({ tone: "success", text: success });
        router.refresh();
      } else setMessage({ tone: "error", text: r.error ?? "Failed" });
    });

  return (
    <div className="space-y-3" data-testid="team-channels">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      {channels.length === 0 && editing !== "new" && <p className="text-sm text-slate-500">No team channels yet. Add a Slack or Teams incoming webhook to post case events to a channel.</p>}
      <ul className="space-y-2">
        {channels.map((c) =>
          editing === c.id ? (
            <li key={c.id}>
              <TeamChannelForm initial={c} sites={sites} teams={teams} onDone={() => setEditing(null)} />
            </li>
          ) : (
            <li key={c.id} className="flex flex-wrap items-start justify-between gap-2 rounded-md border border-slate-200 p-3" data-testid="team-channel">
              <div className="min-w-0 space-y-1 text-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <span className="font-medium text-slate-800">#{c.name}</span>
                  <Badge className="bg-slate-100 text-slate-700 ring-slate-300">{c.channel === "SLACK" ? "Slack" : "Teams"}</Badge>
                  {!c.enabled && <Badge className="bg-amber-50 text-amber-800 ring-amber-300">Disabled</Badge>}
                  <span className="font-mono text-xs text-slate-500">{c.urlHint}</span>
                </div>
                <p className="text-xs text-slate-600">
                  {c.kinds.map((k) => (isChannelKind(k) ? KIND_LABELS[k].label : k)).join(", ")} · {c.siteIds.length ? c.siteIds.map((s) => siteCode.get(s) ?? s).join(", ") : "all sites"} · {c.teams.length ? c.teams.join(", ") : "all teams"}
                </p>
              </div>
              <div className="flex gap-1.5">
                <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} onClick={() => act(() => testTeamWebhookAction({ id: c.id }), `Test message queued for #${c.name}.`)}>
                  Send test
                </Button>
                <Button type="button" variant="secondary" className="px-2 py-1 text-xs" disabled={pending} onClick={() => setEditing(c.id)} aria-label={`Edit #${c.name}`}>
                  Edit
                </Button>
                <Button
                  type="button"
                  variant="ghost"
                  className="px-2 py-1 text-xs text-rose-700"
                  disabled={pending}
                  aria-label={`Delete #${c.name}`}
                  onClick={() => {
                    if (window.confirm(`Delete the team channel #${c.name}? Messages still queued for it will be marked failed.`)) act(() => deleteTeamWebhookAction({ id: c.id }), `#${c.name} deleted.`);
                  }}
                >
                  Delete
                </Button>
              </div>
            </li>
          ),
        )}
      </ul>
      {editing === "new" ? (
        <TeamChannelForm sites={sites} teams={teams} onDone={() => setEditing(null)} />
      ) : (
        <Button type="button" variant="secondary" onClick={() => setEditing("new")}>
          Add team channel
        </Button>
      )}
    </div>
  );
}
