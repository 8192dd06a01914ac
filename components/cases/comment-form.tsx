"use client";

import { useEffect, useId, useMemo, useRef, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { addCommentAction } from "@/lib/actions/case-actions";
import { activeMentionQuery, matchCandidates, mentionsInBody, type Mention } from "@/lib/domain/case/mentions";
import { cn } from "@/lib/utils/cn";
import { humanize } from "@/lib/utils/format";

export type MentionCandidate = Mention & { role: string };

/**
 * Add a comment to the case timeline. Typing "@" opens a list of the people who can see this case
 * (arrow keys move, Enter or Tab picks, Escape closes); a picked person is written as "@Name" and
 * notified when the comment is saved.
 */
export function CommentForm({ caseId, candidates }: { caseId: string; candidates: MentionCandidate[] }) {
  const router = useRouter();
  const uid = useId();
  const bodyId = `${uid}-body`;
  const listId = `${uid}-mentions`;
  const textarea = useRef<HTMLTextAreaElement>(null);
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [picked, setPicked] = useState<Mention[]>([]);
  const [query, setQuery] = useState<{ start: number; query: string } | null>(null);
  const [active, setActive] = useState(0);
  const [errors, setErrors] = useState<string[] | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [success, setSuccess] = useState<string | null>(null);
  const [ready, setReady] = useState(false);
  useEffect(() => setReady(true), []);

  const matches = useMemo(() => (query ? matchCandidates(candidates, query.query) : []), [candidates, query]);
  const open = query !== null && matches.length > 0;
  const optionId = (i: number) => `${uid}-option-${i}`;

  /** Re-read the "@query" at the caret after every edit or caret move. */
  function track(text: string, caret: number) {
    const q = activeMentionQuery(text, caret);
    setQuery(q);
    if (!q || q.query !== query?.query) setActive(0);
  }

  function pick(person: MentionCandidate) {
    if (!query) return;
    const caret = textarea.current?.selectionStart ?? body.length;
    const insert = `@${person.name} `;
    const next = body.slice(0, query.start) + insert + body.slice(caret);
    setBody(next);
    setPicked((p) => (p.some((m) => m.id === person.id) ? p : [...p, { id: person.id, name: person.name }]));
    setQuery(null);
    const at = query.start + insert.length;
    requestAnimationFrame(() => {
      textarea.current?.focus();
      textarea.current?.setSelectionRange(at, at);
    });
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLTextAreaElement>) {
    if (!open) return;
    if (e.key === "ArrowDown") {
      e.preventDefault();
      setActive((i) => (i + 1) % matches.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      setActive((i) => (i - 1 + matches.length) % matches.length);
    } else if (e.key === "Enter" || e.key === "Tab") {
      e.preventDefault();
      pick(matches[Math.min(active, matches.length - 1)]);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setQuery(null);
    }
  }

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    setSuccess(null);
    const mentions = mentionsInBody(body, picked).map((m) => m.id);
    startTransition(async () => {
      let result: Awaited<ReturnType<typeof addCommentAction>>;
      try {
        result = await addCommentAction({ caseId, body, mentions });
      } catch {
        setFormError("The comment did not reach the server. Nothing was saved; try again.");
        return;
      }
      if (result.ok) {
        setBody("");
        setPicked([]);
        setErrors(undefined);
        const n = result.data.notified;
        setSuccess(n > 0 ? `Comment added; ${n} ${n === 1 ? "person was" : "people were"} notified.` : "Comment added to the timeline.");
        router.refresh();
      } else {
        setErrors(result.fieldErrors?.body);
        setFormError(result.fieldErrors?.body ? null : result.error);
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2" data-testid="comment-form" data-ready={ready ? "true" : "false"} aria-label="Add a comment">
      {formError && <Notice tone="error">{formError}</Notice>}
      {success && <Notice tone="success">{success}</Notice>}
      <div className="space-y-1">
        <label htmlFor={bodyId} className="block text-sm font-medium text-slate-700">
          Comment
        </label>
        <div className="relative">
          <textarea
            ref={textarea}
            id={bodyId}
            name="body"
            rows={3}
            maxLength={2000}
            value={body}
            onChange={(e) => {
              setBody(e.target.value);
              track(e.target.value, e.target.selectionStart);
            }}
            onSelect={(e) => track(e.currentTarget.value, e.currentTarget.selectionStart)}
            onKeyDown={onKeyDown}
            onBlur={() => setQuery(null)}
            aria-autocomplete="list"
            aria-controls={open ? listId : undefined}
            aria-activedescendant={open ? optionId(Math.min(active, matches.length - 1)) : undefined}
            aria-invalid={errors?.length ? true : undefined}
            aria-describedby={`${bodyId}-hint${errors?.length ? ` ${bodyId}-error` : ""}`}
            className="block w-full rounded-md border-0 px-2.5 py-1.5 text-sm text-slate-900 ring-1 ring-inset ring-slate-300 placeholder:text-slate-500 focus:ring-2 focus:ring-brand-500 aria-[invalid=true]:ring-rose-500"
          />
          {open && (
            <ul
              id={listId}
              role="listbox"
              aria-label="People to mention"
              data-testid="mention-listbox"
              className="absolute inset-x-0 top-full z-20 mt-1 max-h-56 overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg"
            >
              {matches.map((p, i) => (
                <li
                  key={p.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === active}
                  // mousedown, not click: picking must happen before the textarea's blur closes the list.
                  onMouseDown={(e) => {
                    e.preventDefault();
                    pick(p);
                  }}
                  onMouseEnter={() => setActive(i)}
                  className={cn("flex cursor-pointer items-baseline justify-between gap-2 px-2.5 py-1.5", i === active ? "bg-brand-50 text-brand-800" : "text-slate-800")}
                >
                  <span className="font-medium">{p.name}</span>
                  <span className="text-xs text-slate-600">{humanize(p.role)}</span>
                </li>
              ))}
            </ul>
          )}
        </div>
        <p id={`${bodyId}-hint`} className="text-xs text-slate-600">
          Type @ to mention someone who can see this case; they get a notification.
        </p>
        {errors?.map((m) => (
          <p key={m} id={`${bodyId}-error`} className="text-xs text-rose-700">
            {m}
          </p>
        ))}
        <p className="sr-only" aria-live="polite">
          {query ? (matches.length ? `${matches.length} ${matches.length === 1 ? "person matches" : "people match"}; use the arrow keys and Enter to pick.` : "Nobody matches.") : ""}
        </p>
      </div>
      <Button type="submit" variant="secondary" busy={pending}>
        {pending ? "Adding…" : "Add comment"}
      </Button>
    </form>
  );
}
