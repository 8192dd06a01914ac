/** Plain data the detection settings components receive from the page (serialisable props). */
export interface LocationOption {
  id: string;
  code: string;
  name: string;
}

export interface UserOption {
  id: string;
  name: string;
  role: string;
}

export interface DetectionOptions {
  types: string[];
  thresholdKeys: string[];
  locations: LocationOption[];
  users: UserOption[];
}

export type FieldErrors = Record<string, string[] | undefined>;

/** Props for an input's error wiring: aria-invalid and aria-describedby pointing at the error text. */
export function errorAria(errors: FieldErrors, key: string, id: string) {
  const has = !!errors[key]?.length;
  return { "aria-invalid": has ? true : undefined, "aria-describedby": has ? `${id}-error` : undefined } as const;
}

/** Inline error text for a control, with the id errorAria points at. */
export function ErrorText({ id, messages }: { id: string; messages?: string[] }) {
  if (!messages?.length) return null;
  return (
    <p id={`${id}-error`} className="text-xs text-rose-700">
      {messages.join(" ")}
    </p>
  );
}
