"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { createDataSourceAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { parseConfigJson } from "./json-text";
import { configErrorFrom, type FieldErrors } from "./form-errors";
import type { AdapterKindView } from "./types";

const MODE_WORDS = { pull: "pulls on Run sync", upload: "file uploads", push: "pushes signed events" } as const;

/** Create a data source; on success go to its page, where secrets are set. */
export function NewSourceForm({ kinds }: { kinds: AdapterKindView[] }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [kind, setKind] = useState(kinds[0]?.kind ?? "");
  const [sla, setSla] = useState("240");
  const [config, setConfig] = useState("{}");
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  const id = (n: string) => `${uid}-${n}`;
  const aria = (n: string) => ({ "aria-invalid": errors[n]?.length ? true : undefined, "aria-describedby": errors[n]?.length ? `${id(n)}-error` : undefined });
  const chosen = kinds.find((k) => k.kind === kind);

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    const parsed = parseConfigJson(config);
    if ("error" in parsed) {
      setErrors({ config: [parsed.error] });
      return;
    }
    start(async () => {
      const r = await createDataSourceAction({ code: code.trim(), name, kind, slaMinutes: sla.trim() === "" ? Number.NaN : Number(sla), enabled: true, config: parsed.value });
      if (r.ok) {
        setErrors({});
        router.push(`/admin/sources/${r.data.id}`);
        return;
      }
      const configError = configErrorFrom(r);
      setErrors({ ...(r.fieldErrors ?? {}), ...(configError ? { config: [configError] } : {}) });
      setFormError(configError ? "Please correct the configuration." : r.error);
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New source" className="space-y-3" data-testid="new-source-form">
      {formError && <Notice>{formError}</Notice>}
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id={id("code")} label="Code" errors={errors.code} hint="Capitals, digits, - or _; sent as X-Workbench-Source by push sources.">
          <Input id={id("code")} value={code} onChange={(e) => setCode(e.target.value.toUpperCase())} autoComplete="off" required {...aria("code")} />
        </Field>
        <Field id={id("name")} label="Name" errors={errors.name}>
          <Input id={id("name")} value={name} onChange={(e) => setName(e.target.value)} autoComplete="off" required {...aria("name")} />
        </Field>
        <Field id={id("kind")} label="Kind" errors={errors.kind} hint={chosen ? `Mode: ${chosen.modes.map((m) => MODE_WORDS[m]).join(", ")}.` : undefined}>
          <Select id={id("kind")} value={kind} onChange={(e) => setKind(e.target.value)} required {...aria("kind")}>
            {kinds.map((k) => (
              <option key={k.kind} value={k.kind}>
                {k.label} ({k.kind})
              </option>
            ))}
          </Select>
        </Field>
        <Field id={id("slaMinutes")} label="Freshness SLA (minutes)" errors={errors.slaMinutes} hint="Older than this since the last good sync counts as stale (5–10080).">
          <Input id={id("slaMinutes")} type="number" inputMode="numeric" min={5} max={10_080} step={1} value={sla} onChange={(e) => setSla(e.target.value)} required {...aria("slaMinutes")} />
        </Field>
      </div>
      <Field id={id("config")} label="Configuration (JSON)" errors={errors.config} hint="A JSON object; the adapter checks it and names any wrong field. {} when the kind needs none.">
        <Textarea id={id("config")} rows={4} spellCheck={false} className="font-mono text-xs" value={config} onChange={(e) => setConfig(e.target.value)} {...aria("config")} />
      </Field>
      {errors._form?.map((m) => <Notice key={m}>{m}</Notice>)}
      <Button type="submit" busy={pending}>
        {pending ? "Creating…" : "Create source"}
      </Button>
    </form>
  );
}
