"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { updateDataSourceAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Textarea } from "@/components/ui/field";
import { parseConfigJson } from "./json-text";
import { configErrorFrom, type FieldErrors } from "./form-errors";

export interface SourceSettings {
  id: string;
  name: string;
  slaMinutes: number;
  enabled: boolean;
  config: unknown;
}

/** Name, SLA, enabled and the adapter configuration (validated by the adapter on the server). */
export function SourceSettingsForm({ source }: { source: SourceSettings }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [name, setName] = useState(source.name);
  const [sla, setSla] = useState(String(source.slaMinutes));
  const [enabled, setEnabled] = useState(source.enabled);
  const [config, setConfig] = useState(() => JSON.stringify(source.config ?? {}, null, 2));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const id = (n: string) => `${uid}-${n}`;
  const aria = (n: string) => ({ "aria-invalid": errors[n]?.length ? true : undefined, "aria-describedby": errors[n]?.length ? `${id(n)}-error` : undefined });

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setMessage(null);
    const parsed = parseConfigJson(config);
    if ("error" in parsed) {
      setErrors({ config: [parsed.error] });
      return;
    }
    start(async () => {
      const r = await updateDataSourceAction({ sourceId: source.id, name, slaMinutes: sla.trim() === "" ? Number.NaN : Number(sla), enabled, config: parsed.value });
      if (r.ok) {
        setErrors({});
        setMessage({ tone: "success", text: "Settings saved." });
        router.refresh();
        return;
      }
      const configError = configErrorFrom(r);
      setErrors({ ...(r.fieldErrors ?? {}), ...(configError ? { config: [configError] } : {}) });
      setMessage({ tone: "error", text: configError ? "Please correct the configuration." : r.error });
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Source settings" className="space-y-3" data-testid="source-settings-form">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("name")} label="Name" errors={errors.name}>
          <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} required {...aria("name")} />
        </Field>
        <Field id={id("slaMinutes")} label="Freshness SLA (minutes)" errors={errors.slaMinutes}>
          <Input id={id("slaMinutes")} type="number" inputMode="numeric" min={5} max={10_080} step={1} value={sla} onChange={(e) => setSla(e.target.value)} required {...aria("slaMinutes")} />
        </Field>
      </div>
      <div className="flex items-center gap-2">
        <input id={id("enabled")} type="checkbox" className="size-4 rounded border-slate-300" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        <label htmlFor={id("enabled")} className="text-sm text-slate-700">
          Enabled <span className="text-xs text-slate-500">(a disabled source neither syncs nor accepts events)</span>
        </label>
      </div>
      <Field id={id("config")} label="Configuration (JSON)" errors={errors.config} hint="Checked by the adapter; secrets do not belong here (use Secrets).">
        <Textarea id={id("config")} rows={8} spellCheck={false} className="font-mono text-xs" value={config} onChange={(e) => setConfig(e.target.value)} {...aria("config")} />
      </Field>
      {errors._form?.map((m) => <Notice key={m}>{m}</Notice>)}
      <Button type="submit" busy={pending}>
        {pending ? "Saving…" : "Save settings"}
      </Button>
    </form>
  );
}
