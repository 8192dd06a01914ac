/** The real sample files (see /work/shared/data/edi/PROVENANCE.md), for the tests. */
import { sharedData } from "@/lib/testing/shared-data";
import { readFileSync } from "node:fs";
import path from "node:path";

export const EDI_DIR = sharedData("edi");

export const X12_FILES = [
  "node-x12/850.edi",
  "node-x12/850_2.edi",
  "node-x12/855.edi",
  "node-x12/856.edi",
  "staedi/invoice810_po850_dual.edi",
  "x12-types/004010_850.edi",
  "x12-types/940_test_1.edi",
  "x12-types/940_test_2.edi",
  "x12-types/940_test_3.edi",
  "x12-types/940_test_4.edi",
  "x12-types/940_test_5.edi",
  "x12-types/945_parse_945.edi",
  "x12-types/945_test_1.edi",
  "EdiEngine/850.OK.edi",
  "EdiEngine/856.Crossdock.OK.edi",
  "EdiEngine/940.OK.edi",
  "EdiEngine/940.2.OK.edi",
  "EDI.Net/x12.810a.edi",
  "EDI.Net/x12.810b.edi",
  "EDI.Net/x12.832.edi",
  "EDI.Net/x12.850a.edi",
  "EDI.Net/x12.850.issue135.edi",
] as const;

/** EDIFACT files — staedi/orders-with-group.edi is EDIFACT too, despite living next to X12 samples. */
export const EDIFACT_FILES = ["pydifact/order.edi", "EDI.Net/edifact.Issue196.edi", "smooks-edi-cartridge/recadv.edi", "staedi/orders-with-group.edi"] as const;

export const readEdi = (name: string) => readFileSync(path.join(EDI_DIR, name), "utf8");
