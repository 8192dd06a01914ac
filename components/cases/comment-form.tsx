"use client";

import { useId, useState, useTransition } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Notice } from "@/components/ui/card";
import { Field, Textarea } from "@/components/ui/field";
import { addCommentAction } from "@/lib/actions/case-actions";

/** Add a comment to the case timeline. */
export function CommentForm({ caseId }: { caseId: string }) {
  const router = useRouter();
  const uid = useId();
  const [pending, startTransition] = useTransition();
  const [body, setBody] = useState("");
  const [errors, setErrors] = useState<string[] | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [success, setSuccess] = useState(false);
  const bodyId = `${uid}-body`;

  function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setFormError(null);
    setSuccess(false);
    startTransition(async () => {
      const result = await addCommentAction({ caseId, body });
      if (result.ok) {
        setBody("");
        setErrors(undefined);
        setSuccess(true);
        router.refresh();
      } else {
        setErrors(result.fieldErrors?.body);
        setFormError(result.fieldErrors?.body ? null : result.error);
      }
    });
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-2" data-testid="comment-form" aria-label="Add a comment">
      {formError && <Notice tone="error">{formError}</Notice>}
      {success && <Notice tone="success">Comment added to the timeline.</Notice>}
      <Field id={bodyId} label="Comment" errors={errors}>
        <Textarea
          id={bodyId}
          name="body"
          rows={3}
          maxLength={2000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-invalid={errors?.length ? true : undefined}
          aria-describedby={errors?.length ? `${bodyId}-error` : undefined}
        />
      </Field>
      <Button type="submit" variant="secondary" busy={pending}>
        {pending ? "Adding…" : "Add comment"}
      </Button>
    </form>
  );
}
