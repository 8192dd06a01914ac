/** Validation for a planner's proposed action and its $ value (which decides who may approve it). */
import { z } from "zod";
import { ACTION_TYPES, type ActionType } from "@/lib/domain/score/config";

const ISO_DATE = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

export const proposeActionSchema = z
  .object({
    caseId: z.string().trim().min(1, "Case is required"),
    type: z.enum(ACTION_TYPES, { message: "Choose an action type" }),
    quantity: z
      .number({ message: "Quantity must be a number" })
      .int("Quantity must be a whole number")
      .positive("Quantity must be greater than 0")
      .max(10_000_000, "Quantity must be at most 10,000,000"),
    note: z.string().trim().min(3, "Note must be at least 3 characters").max(500, "Note must be at most 500 characters"),
    fromLocationId: z.string().trim().min(1).optional(),
    targetDate: z
      .string()
      .trim()
      .refine((s) => ISO_DATE.test(s) && !Number.isNaN(Date.parse(s)), "Target date must be an ISO date (YYYY-MM-DD)")
      .optional(),
  })
  .superRefine((v, ctx) => {
    if (v.type === "TRANSFER" && !v.fromLocationId) {
      ctx.addIssue({ code: "custom", path: ["fromLocationId"], message: "A transfer needs a source location" });
    }
    if (v.type === "EXPEDITE" && !v.targetDate) {
      ctx.addIssue({ code: "custom", path: ["targetDate"], message: "An expedite needs a target date" });
    }
  });

export type ProposeActionInput = z.infer<typeof proposeActionSchema>;

/**
 * Cost multiplier on the moved/affected stock value: expedites pay a freight premium, transfers
 * pay handling, adjustments write value on or off; counts and holds move no value.
 */
export const ACTION_VALUE_FACTOR: Readonly<Record<ActionType, number>> = {
  EXPEDITE: 0.15,
  TRANSFER: 0.05,
  REALLOCATE: 1,
  RECOUNT: 0,
  HOLD: 0,
  ADJUST: 1,
};

/** $ value of an action for approval limits: quantity × unit cost × type factor (REALLOCATE/ADJUST at full value). */
export function estimateActionValue(type: ActionType, quantity: number, unitCost: number): number {
  const v = Math.abs(quantity) * Math.max(0, unitCost) * ACTION_VALUE_FACTOR[type];
  return Math.round(v * 100) / 100;
}
