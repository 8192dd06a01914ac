"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { resetMyPreferencesAction, saveMyPreferencesAction } from "@/lib/actions/notification-settings-actions";
import { saveNotificationDefaultsAction } from "@/lib/actions/notification-admin-actions";
import { CHANNEL_LABELS, KIND_LABELS, NOTIFICATION_KINDS, PERSONAL_CHANNELS, type PersonalChannel } from "@/lib/domain/notify/kinds";
import type { PreferenceMatrix } from "@/lib/domain/notify/preferences";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

type Props =
  | { mode: "own"; matrix: PreferenceMatrix; digest: boolean; source: "own" | "organisation" | "built-in"; unavailable: Partial<Record<PersonalChannel, string>> }
  | { mode: "defaults"; matrix: PreferenceMatrix; digest: boolean; slaWarningMinutes: number; unavailable?: undefined };

/**
 * The kind × channel grid with the digest switch. "own" saves the viewer's preferences (and can go back to the
 * organisation's defaults); "defaults" is the admin's version with the SLA warning lead time.
 */
export function PreferencesForm(props: Props) {
  const router = useRouter();
  const uid = useId();
  const [matrix, setMatrix] = useState<PreferenceMatrix>(props.matrix);
  const [digest, setDigest] = useState(props.digest);
  const [lead, setLead] = useState(props.mode === "defaults" ? String(props.slaWarningMinutes) : "");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string; fields?: Record<string, string[]> } | null>(null);

  const toggle = (kind: (typeof NOTIFICATION_KINDS)[number], ch: PersonalChannel) => setMatrix((m) => ({ ...m, [kind]: { ...m[kind], [ch]: !m[kind][ch] } }));

  function save(e: React.FormEvent) {
    e.preventDefault();
    setMessage(null);
    start(async () => {
      const r = props.mode === "own" ? await saveMyPreferencesAction({ matrix, digest }) : await saveNotificationDefaultsAction({ matrix, digest, slaWarningMinutes: Number(lead) });
      if (r.ok) {
        setMessage({ tone: "success", text: props.mode === "own" ? "Your notification preferences are saved." : "Defaults saved. They apply to everyone who has not chosen their own." });
        router.refresh();
      } else setMessage({ tone: "error", text: r.error, fields: r.fieldErrors });
    });
  }

  function reset() {
    setMessage(null);
    start(async () => {
      const r = await resetMyPreferencesAction();
      if (r.ok) {
        setMessage({ tone: "success", text: "You follow the organisation's defaults again." });
        router.refresh();
      } else setMessage({ tone: "error", text: r.error });
    });
  }

  return (
    <form onSubmit={save} noValidate className="space-y-4" aria-label={props.mode === "own" ? "Notification preferences" : "Default notification preferences"} data-testid="preferences-form">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="overflow-x-auto">
        <table className="w-full min-w-[520px] text-sm">
          <caption className="sr-only">Which events reach you through which channel</caption>
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th scope="col" className="py-1.5 font-medium">
                Event
              </th>
              {PERSONAL_CHANNELS.map((ch) => (
                <th key={ch} scope="col" className="w-28 py-1.5 text-center font-medium">
                  {CHANNEL_LABELS[ch]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {NOTIFICATION_KINDS.map((kind) => (
              <tr key={kind} data-testid={`pref-row-${kind}`}>
                <th scope="row" className="py-2 pr-3 text-left font-normal">
                  <span className="font-medium text-slate-800">{KIND_LABELS[kind].label}</span>
                  <span className="block text-xs text-slate-500">{KIND_LABELS[kind].hint}</span>
                </th>
                {PERSONAL_CHANNELS.map((ch) => (
                  <td key={ch} className="text-center">
                    <input
                      type="checkbox"
                      className="size-4 accent-brand-600"
                      checked={matrix[kind][ch]}
                      onChange={() => toggle(kind, ch)}
                      aria-label={`${CHANNEL_LABELS[ch]}: ${KIND_LABELS[kind].label}`}
                      aria-describedby={props.unavailable?.[ch] ? `${uid}-${ch}-note` : undefined}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.unavailable &&
        PERSONAL_CHANNELS.filter((ch) => props.unavailable?.[ch]).map((ch) => (
          <p key={ch} id={`${uid}-${ch}-note`} className="text-xs text-amber-800">
            {CHANNEL_LABELS[ch]}: {props.unavailable![ch]}
          </p>
        ))}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" className="mt-0.5 size-4 accent-brand-600" checked={digest} onChange={() => setDigest((d) => !d)} />
        <span>
          <span className="font-medium text-slate-800">Daily digest by e-mail</span>
          <span className="block text-xs text-slate-500">Each morning: your open cases, approvals waiting for you and failed write-backs — only when something on that list changed.</span>
        </span>
      </label>
      {props.mode === "defaults" && (
        <div className="max-w-xs">
          <Field id={`${uid}-lead`} label="Warn this many minutes before an SLA is due" errors={message?.fields?.slaWarningMinutes} hint="Between 5 minutes and a week.">
            <Input id={`${uid}-lead`} type="number" inputMode="numeric" min={5} max={10080} value={lead} onChange={(e) => setLead(e.target.value)} aria-invalid={Boolean(message?.fields?.slaWarningMinutes) || undefined} />
          </Field>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" busy={pending}>
          {props.mode === "own" ? "Save preferences" : "Save defaults"}
        </Button>
        {props.mode === "own" && props.source === "own" && (
          <Button type="button" variant="secondary" onClick={reset} disabled={pending}>
            Use the organisation&apos;s defaults
          </Button>
        )}
        {props.mode === "own" && (
          <span className="text-xs text-slate-500" data-testid="preferences-source">
            {props.source === "own" ? "Your own choices." : props.source === "organisation" ? "Following the organisation's defaults." : "Following the built-in defaults."}
          </span>
        )}
      </div>
    </form>
  );
}
