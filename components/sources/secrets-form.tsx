"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { KeyRound } from "lucide-react";
import { setSecretsAction } from "@/lib/actions/data-source-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Input } from "@/components/ui/field";
import { secretLabel } from "./source-badges";

/**
 * Write-only secrets: the page only knows whether each one is set. A new value is typed, sent once, and the field is
 * emptied again; nothing secret is ever rendered back.
 */
export function SecretsForm({ sourceId, secretNames, secretsSet }: { sourceId: string; secretNames: readonly string[]; secretsSet: readonly string[] }) {
  const router = useRouter();
  const uid = useId();
  const [pending, start] = useTransition();
  const [values, setValues] = useState<Record<string, string>>({});
  const [replacing, setReplacing] = useState<Record<string, boolean>>({});
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  if (secretNames.length === 0) return <p className="text-sm text-slate-600">This kind of source needs no secrets.</p>;

  const entered = Object.fromEntries(Object.entries(values).filter(([, v]) => v !== ""));

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setMessage(null);
    if (Object.keys(entered).length === 0) {
      setMessage({ tone: "error", text: "Type a new value first." });
      return;
    }
    start(async () => {
      const r = await setSecretsAction({ sourceId, secrets: entered });
      // Forget the typed values either way: they must not linger in the page.
      setValues({});
      if (r.ok) {
        setReplacing({});
        setMessage({ tone: "success", text: `Saved: ${Object.keys(entered).map(secretLabel).join(", ")}.` });
        router.refresh();
      } else {
        setMessage({ tone: "error", text: r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") || r.error : r.error });
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate aria-label="Secrets" className="space-y-3" data-testid="secrets-form">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <ul className="space-y-3">
        {secretNames.map((name) => {
          const isSet = secretsSet.includes(name);
          const inputId = `${uid}-${name}`;
          const showInput = !isSet || replacing[name];
          return (
            <li key={name} className="space-y-1" data-testid={`secret-${name}`}>
              <div className="flex items-center justify-between gap-2">
                {showInput ? (
                  <label htmlFor={inputId} className="text-sm font-medium text-slate-700">
                    {secretLabel(name)}
                  </label>
                ) : (
                  <span className="text-sm font-medium text-slate-700">{secretLabel(name)}</span>
                )}
                <span id={`${inputId}-state`} className={isSet ? "text-xs font-medium text-emerald-800" : "text-xs font-medium text-amber-800"} data-testid="secret-state">
                  <KeyRound className="mr-1 inline size-3" aria-hidden />
                  {isSet ? "set" : "not set"}
                </span>
              </div>
              {showInput ? (
                <div className="flex gap-2">
                  <Input
                    id={inputId}
                    type="password"
                    autoComplete="new-password"
                    spellCheck={false}
                    value={values[name] ?? ""}
                    onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
                    aria-describedby={`${inputId}-state`}
                  />
                  {isSet && (
                    <Button type="button" variant="ghost" onClick={() => (setReplacing((r) => ({ ...r, [name]: false })), setValues((v) => ({ ...v, [name]: "" })))}>
                      Cancel
                    </Button>
                  )}
                </div>
              ) : (
                <Button type="button" variant="secondary" aria-label={`Replace ${secretLabel(name).toLowerCase()}`} onClick={() => setReplacing((r) => ({ ...r, [name]: true }))}>
                  Replace
                </Button>
              )}
            </li>
          );
        })}
      </ul>
      <Button type="submit" busy={pending} disabled={Object.keys(entered).length === 0}>
        {pending ? "Saving…" : "Save secrets"}
      </Button>
    </form>
  );
}
