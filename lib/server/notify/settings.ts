/**
 * Organisation-wide notification settings (one NotificationSettings row, written by admins): the default
 * preferences of people who never saved their own, and the SLA warning lead time. No row = built-in values.
 * Not server-only: the worker reads it.
 */
import type { Prisma, PrismaClient } from "@/lib/server/generated/prisma/client";
import { BUILT_IN_PREFERENCES, readMatrix, type PreferenceMatrix } from "@/lib/domain/notify/preferences";

type Db = Prisma.TransactionClient | PrismaClient;

export const DEFAULT_SLA_WARNING_MINUTES = 60;

export type NotificationSettingsView = { matrix: PreferenceMatrix; digest: boolean; slaWarningMinutes: number; stored: boolean; updatedAt: Date | null };

export async function loadNotificationSettings(db: Db): Promise<NotificationSettingsView> {
  const row = await db.notificationSettings.findUnique({ where: { id: "default" } });
  if (!row) return { matrix: BUILT_IN_PREFERENCES.matrix, digest: BUILT_IN_PREFERENCES.digest, slaWarningMinutes: DEFAULT_SLA_WARNING_MINUTES, stored: false, updatedAt: null };
  return { matrix: readMatrix(row.matrix), digest: row.digest, slaWarningMinutes: row.slaWarningMinutes, stored: true, updatedAt: row.updatedAt };
}
