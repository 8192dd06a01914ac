/**
 * What the workbench notifies about and through which channels. Pure: shared by the recorder, the
 * preferences page, the admin channel settings and the delivery job.
 */

export const NOTIFICATION_KINDS = ["NEW_CRITICAL_CASE", "SLA_AT_RISK", "APPROVAL_REQUESTED", "DECISION_MADE", "WRITE_BACK_FAILED", "MENTION"] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Kinds a team channel (admin-configured Slack/Teams webhook) may subscribe to: events about cases, not personal ones. */
export const CHANNEL_KINDS = ["NEW_CRITICAL_CASE", "SLA_AT_RISK", "APPROVAL_REQUESTED", "DECISION_MADE", "WRITE_BACK_FAILED"] as const satisfies readonly NotificationKind[];
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** The person-level channels of the preferences matrix: the bell, e-mail, and their own Slack/Teams webhook. */
export const PERSONAL_CHANNELS = ["inApp", "email", "chat"] as const;
export type PersonalChannel = (typeof PERSONAL_CHANNELS)[number];

/** Transport of an outbound delivery (mirrors the NotificationChannel enum). */
export const DELIVERY_CHANNELS = ["EMAIL", "SLACK", "TEAMS"] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];
export type ChatChannel = Exclude<DeliveryChannel, "EMAIL">;

export const KIND_LABELS: Readonly<Record<NotificationKind, { label: string; hint: string }>> = {
  NEW_CRITICAL_CASE: { label: "New critical case", hint: "Detection opened a critical case (or a case became critical) at one of your sites." },
  SLA_AT_RISK: { label: "SLA about to breach", hint: "A case you own — or an unassigned one at your sites — is close to its SLA due time." },
  APPROVAL_REQUESTED: { label: "Approval requested", hint: "An action waits for your decision." },
  DECISION_MADE: { label: "Decision made", hint: "Your request was approved, rejected, sent back, edited, cancelled or expired." },
  WRITE_BACK_FAILED: { label: "Write-back failed", hint: "An action you requested or approved could not be applied in the source system." },
  MENTION: { label: "Mentions", hint: "Someone @mentioned you in a case comment." },
};

export const CHANNEL_LABELS: Readonly<Record<PersonalChannel, string>> = { inApp: "In-app", email: "E-mail", chat: "Slack / Teams" };
export const DELIVERY_CHANNEL_LABELS: Readonly<Record<DeliveryChannel, string>> = { EMAIL: "E-mail", SLACK: "Slack", TEAMS: "Microsoft Teams" };

export function isNotificationKind(v: unknown): v is NotificationKind {
  return typeof v === "string" && (NOTIFICATION_KINDS as readonly string[]).includes(v);
}

export function isChannelKind(v: unknown): v is ChannelKind {
  return typeof v === "string" && (CHANNEL_KINDS as readonly string[]).includes(v);
}
