"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createTeamWebhookAction, updateTeamWebhookAction } from "@/lib/actions/notification-admin-actions";
import { CHANNEL_KINDS, KIND_LABELS, type ChannelKind } from "@/lib/domain/notify/kinds";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";

export type TeamChannelValue = { id?: string; name: string; channel: "SLACK" | "TEAMS"; kinds: ChannelKind[]; siteIds: string[]; teams: string[]; enabled: boolean; urlHint?: string };

function CheckGroup<T extends string>({ legend, options, value, onChange, hint }: { legend: string; options: { value: T; label: string }[]; value: T[]; onChange: (v: T[]) => void; hint?: string }) {
  return (
    <fieldset className="space-y-1">
      <legend className="text-sm font-medium text-slate-700">{legend}</legend>
      {hint && <p className="text-xs text-slate-500">{hint}</p>}
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {options.map((o) => (
          <label key={o.value} className="flex items-center gap-1.5 text-sm">
            <input type="checkbox" className="size-4 accent-brand-600" checked={value.includes(o.value)} onChange={() => onChange(value.includes(o.value) ? value.filter((v) => v !== o.value) : [...value, o.value])} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Create or edit a team channel. The URL is write-only: blank on edit keeps the stored one. */
export function TeamChannelForm({ initial, sites, teams, onDone }: { initial?: TeamChannelValue; sites: { id: string; code: string }[]; teams: string[]; onDone: () => void }) {
  const router = useRouter();
  const uid = useId();
  const [v, setV] = useState<TeamChannelValue>(initial ?? { name: "", channel: "SLACK", kinds: ["NEW_CRITICAL_CASE", "SLA_AT_RISK"], siteIds: [], teams: [], enabled: true });
  const [url, setUrl] = useState("");
  const [pending, start] = useTransition();
  const [error, setError] = useState<{ text: string; fields?: Record<string, string[]> } | null>(null);
  const editing = Boolean(initial?.id);

  function submit(e: React.FormEvent) {
    e.preventDefault();
    setError(null);
    start(async () => {
      const { urlHint: _hint, id, ...fields } = v;
      const r = id ? await updateTeamWebhookAction({ ...fields, id, url: url.trim() || undefined }) : await createTeamWebhookAction({ ...fields, url });
      setUrl("");
      if (r.ok) {
        router.refresh();
        onDone();
      } else setError({ text: r.error, fields: r.fieldErrors });
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-md border border-slate-200 bg-slate-50 p-3" aria-label={editing ? `Edit team channel ${initial?.name}` : "New team channel"} data-testid="team-channel-form">
      {error && <Notice>{error.fields ? Object.values(error.fields).flat().join(" ") || error.text : error.text}</Notice>}
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field id={`${uid}-name`} label="Name" errors={error?.fields?.name} hint="e.g. atl-exceptions (shown in the delivery log)">
          <Input id={`${uid}-name`} value={v.name} onChange={(e) => setV({ ...v, name: e.target.value })} aria-invalid={Boolean(error?.fields?.name) || undefined} />
        </Field>
        <Field id={`${uid}-service`} label="Service">
          <Select id={`${uid}-service`} value={v.channel} onChange={(e) => setV({ ...v, channel: e.target.value as "SLACK" | "TEAMS" })}>
            <option value="SLACK">Slack</option>
            <option value="TEAMS">Microsoft Teams</option>
          </Select>
        </Field>
      </div>
      <Field id={`${uid}-url`} label={editing ? "Replace webhook URL (leave blank to keep it)" : "Incoming-webhook URL"} errors={error?.fields?.url} hint={editing && initial?.urlHint ? `Stored: ${initial.urlHint}` : "Write-only: stored encrypted, never shown again."}>
        <Input id={`${uid}-url`} type="password" autoComplete="off" spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.slack.com/services/…" />
      </Field>
      <CheckGroup legend="Events" options={CHANNEL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].label }))} value={v.kinds} onChange={(kinds) => setV({ ...v, kinds })} />
      <CheckGroup legend="Sites" hint="None ticked = every site." options={sites.map((s) => ({ value: s.id, label: s.code }))} value={v.siteIds} onChange={(siteIds) => setV({ ...v, siteIds })} />
      {teams.length > 0 && <CheckGroup legend="Routing teams" hint="None ticked = every team." options={teams.map((t) => ({ value: t, label: t }))} value={v.teams} onChange={(t) => setV({ ...v, teams: t })} />}
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" className="size-4 accent-brand-600" checked={v.enabled} onChange={() => setV({ ...v, enabled: !v.enabled })} />
        Enabled
      </label>
      <div className="flex gap-2">
        <Button type="submit" busy={pending}>
          {editing ? "Save channel" : "Add channel"}
        </Button>
        <Button type="button" variant="ghost" onClick={onDone} disabled={pending}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
