"use client";
import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { KeyRound } from "lucide-react";
import { clearMyChatWebhookAction, sendMyTestNotificationAction, setMyChatWebhookAction } from "@/lib/actions/notification-settings-actions";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";

/**
 * A personal Slack or Teams incoming webhook. Write-only: once saved the page shows only the host and the last
 * characters; typing a new URL replaces it. "Send me a test" queues a test message to e-mail and this webhook.
 */
export function ChatWebhookForm({ current }: { current: { channel: "SLACK" | "TEAMS"; hint: string } | null }) {
  const router = useRouter();
  const uid = useId();
  const [channel, setChannel] = useState<"SLACK" | "TEAMS">(current?.channel ?? "SLACK");
  const [url, setUrl] = useState("");
  const [pending, start] = useTransition();
  const [message, setMessage] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const run = (fn: () => Promise<{ ok: boolean; error?: string; fieldErrors?: Record<string, string[]> }>, success: string) => {
    setMessage(null);
    start(async () => {
      const r = await fn();
      setUrl(""); // never keep a credential in the page
      if (r.ok) {
        setMessage({ tone: "success", text: success });
        router.refresh();
      } else setMessage({ tone: "error", text: r.fieldErrors ? Object.values(r.fieldErrors).flat().join(" ") : (r.error ?? "Failed") });
    });
  };

  return (
    <div className="space-y-3" data-testid="chat-webhook">
      {message && <Notice tone={message.tone}>{message.text}</Notice>}
      <p className="text-sm text-slate-600" id={`${uid}-state`}>
        <KeyRound className="mr-1 inline size-3.5" aria-hidden />
        {current ? (
          <>
            {current.channel === "SLACK" ? "Slack" : "Teams"} webhook set: <span className="font-mono text-xs" data-testid="chat-webhook-hint">{current.hint}</span>
          </>
        ) : (
          "No personal webhook. Team channels are set up by your admins; add your own to get your notifications in a direct message or your own channel."
        )}
      </p>
      <form
        className="grid gap-3 sm:grid-cols-[10rem_1fr_auto] sm:items-end"
        noValidate
        aria-label="Personal chat webhook"
        onSubmit={(e) => {
          e.preventDefault();
          run(() => setMyChatWebhookAction({ channel, url }), "Webhook saved. Turn on the Slack / Teams column above for the events you want there.");
        }}
      >
        <Field id={`${uid}-channel`} label="Service">
          <Select id={`${uid}-channel`} value={channel} onChange={(e) => setChannel(e.target.value as "SLACK" | "TEAMS")}>
            <option value="SLACK">Slack</option>
            <option value="TEAMS">Microsoft Teams</option>
          </Select>
        </Field>
        <Field id={`${uid}-url`} label={current ? "Replace webhook URL" : "Incoming-webhook URL"}>
          <Input id={`${uid}-url`} type="password" autoComplete="off" spellCheck={false} value={url} onChange={(e) => setUrl(e.target.value)} placeholder="https://hooks.slack.com/services/…" aria-describedby={`${uid}-state`} />
        </Field>
        <Button type="submit" busy={pending} disabled={!url.trim()}>
          Save webhook
        </Button>
      </form>
      <div className="flex flex-wrap gap-2">
        {current && (
          <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => clearMyChatWebhookAction(), "Personal webhook removed.")}>
            Remove webhook
          </Button>
        )}
        <Button type="button" variant="secondary" disabled={pending} onClick={() => run(() => sendMyTestNotificationAction(), "Test message queued; it arrives within a few seconds.")} data-testid="send-test">
          Send me a test
        </Button>
      </div>
    </div>
  );
}
