/**
 * Notification preferences: per event kind × personal channel (in-app, e-mail, own Slack/Teams webhook) plus
 * the daily digest. A person without saved preferences follows the organisation's defaults (set by admins),
 * which fall back to the built-in ones below. Stored matrices are parsed leniently — a kind added later, or a
 * missing cell, takes the default instead of failing — while input from a form is validated strictly.
 */
import { z } from "zod";
import { NOTIFICATION_KINDS, PERSONAL_CHANNELS, type NotificationKind, type PersonalChannel } from "@/lib/domain/notify/kinds";

export type ChannelSwitches = Record<PersonalChannel, boolean>;
export type PreferenceMatrix = Record<NotificationKind, ChannelSwitches>;
export type Preferences = { matrix: PreferenceMatrix; digest: boolean };

/**
 * Built-in defaults: everything in the bell; e-mail for what needs you (decisions, approvals, failures,
 * critical cases, SLA warnings) but not for mentions (the bell is enough); personal chat off until someone
 * adds their own webhook; the daily digest on.
 */
export const BUILT_IN_PREFERENCES: Preferences = {
  matrix: {
    NEW_CRITICAL_CASE: { inApp: true, email: true, chat: false },
    SLA_AT_RISK: { inApp: true, email: true, chat: false },
    APPROVAL_REQUESTED: { inApp: true, email: true, chat: false },
    DECISION_MADE: { inApp: true, email: true, chat: false },
    WRITE_BACK_FAILED: { inApp: true, email: true, chat: false },
    MENTION: { inApp: true, email: false, chat: false },
  },
  digest: true,
};

const switchesSchema = z.object({ inApp: z.boolean(), email: z.boolean(), chat: z.boolean() }).strict();

/** Strict: a form must send every kind and every channel. */
export const preferenceMatrixSchema = z.object(Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, switchesSchema])) as Record<NotificationKind, typeof switchesSchema>).strict();

export const preferencesSchema = z.object({ matrix: preferenceMatrixSchema, digest: z.boolean() }).strict();

/** Read a stored matrix: unknown kinds are dropped, missing kinds or cells take `fallback`'s value. */
export function readMatrix(stored: unknown, fallback: PreferenceMatrix = BUILT_IN_PREFERENCES.matrix): PreferenceMatrix {
  const src = stored && typeof stored === "object" ? (stored as Record<string, unknown>) : {};
  const out = {} as PreferenceMatrix;
  for (const kind of NOTIFICATION_KINDS) {
    const row = src[kind] && typeof src[kind] === "object" ? (src[kind] as Record<string, unknown>) : {};
    out[kind] = {} as ChannelSwitches;
    for (const ch of PERSONAL_CHANNELS) out[kind][ch] = typeof row[ch] === "boolean" ? (row[ch] as boolean) : fallback[kind][ch];
  }
  return out;
}

/**
 * The preferences in force for a person: their own matrix / digest choice where they made one, else the
 * organisation's defaults, else the built-in ones. A null field means "follow the defaults".
 */
export function effectivePreferences(
  own: { matrix: unknown; digest: boolean | null } | null,
  orgDefaults: { matrix: unknown; digest: boolean } | null,
): Preferences & { source: "own" | "organisation" | "built-in" } {
  const base: Preferences = orgDefaults ? { matrix: readMatrix(orgDefaults.matrix), digest: orgDefaults.digest } : BUILT_IN_PREFERENCES;
  const hasOwn = own !== null && (own.matrix != null || own.digest != null);
  if (!hasOwn) return { ...base, source: orgDefaults ? "organisation" : "built-in" };
  return { matrix: own.matrix != null ? readMatrix(own.matrix, base.matrix) : base.matrix, digest: own.digest ?? base.digest, source: "own" };
}

export type RecipientChannels = { inApp: boolean; email: boolean; chat: boolean };

/**
 * Where one person gets one notification. E-mail needs a configured mail server; chat needs the person's own
 * webhook — a switch that is on without them is simply not usable (the page says so).
 */
export function channelsFor(prefs: Preferences, kind: NotificationKind, available: { email: boolean; chat: boolean }): RecipientChannels {
  const cell = prefs.matrix[kind];
  return { inApp: cell.inApp, email: cell.email && available.email, chat: cell.chat && available.chat };
}
