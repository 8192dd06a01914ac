/** Transaction set id → transform. 810 is validated but carries nothing canonical; others are unsupported. */
import type { TransformResult } from "@/lib/domain/canonical/records";
import type { SetContext } from "./common";
import { transform846 } from "./846";
import { transform850 } from "./850";
import { transform855 } from "./855";
import { transform856 } from "./856";
import { transform940 } from "./940";
import { transform944 } from "./944";
import { transform945 } from "./945";

export type SetTransform = (ctx: SetContext) => TransformResult;

export const SET_TRANSFORMS: Readonly<Record<string, SetTransform>> = {
  "846": transform846,
  "850": transform850,
  "855": transform855,
  "856": transform856,
  "940": transform940,
  "944": transform944,
  "945": transform945,
};

/** Sets we read and validate on purpose but turn into no record (invoices are not part of the exception model). */
export const INFORMATIONAL_SETS: ReadonlySet<string> = new Set(["810", "997"]);
