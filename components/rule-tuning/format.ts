/** How thresholds read on the Rule tuning page: labels from the detection settings, values in their unit. */
import { RULE_HELP } from "@/components/detection-settings/param-fields";
import { formatNumber, formatUsd } from "@/lib/utils/format";

type RuleKey = keyof typeof RULE_HELP;

/** "ASN overdue grace" for asnGraceDays; unknown keys as they are. */
export function thresholdLabel(key: string): string {
  return RULE_HELP[key as RuleKey]?.label ?? key;
}

/** 3 days, 5 %, $500, 4× — a threshold value in its unit. */
export function formatThreshold(key: string, value: number | null | undefined): string {
  if (value == null) return "—";
  const unit = RULE_HELP[key as RuleKey]?.unit;
  if (unit === "fraction") return `${formatNumber(value * 100)} %`;
  if (unit === "USD") return formatUsd(value);
  if (unit === "multiplier") return `${formatNumber(value)}× daily demand`;
  if (unit === "days") return `${formatNumber(value)} day${value === 1 ? "" : "s"}`;
  return formatNumber(value);
}
