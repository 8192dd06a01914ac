/**
 * Where the shared public test material (../shared/data: X12/EDIFACT files, AdventureWorks, frePPLe…) is. The
 * project expects it next to the checkout; a clone elsewhere finds it by walking up from the working directory,
 * or through SHARED_DATA_DIR.
 */
import { existsSync } from "node:fs";
import path from "node:path";

function locate(): string {
  if (process.env.SHARED_DATA_DIR) return process.env.SHARED_DATA_DIR;
  const candidates: string[] = [];
  for (let dir = process.cwd(); ; dir = path.dirname(dir)) {
    candidates.push(path.join(dir, "shared/data"), path.join(dir, "../shared/data"));
    if (path.dirname(dir) === dir) break;
  }
  candidates.push("/work/shared/data");
  const found = candidates.find((c) => existsSync(path.join(c, "edi")) && existsSync(path.join(c, "tables")));
  if (!found) throw new Error("The shared test data (../shared/data) was not found; set SHARED_DATA_DIR to its path.");
  return path.resolve(found);
}

export const SHARED_DATA_DIR = locate();

/** Absolute path of a file under shared/data, e.g. sharedData("edi/node-x12/850.edi"). */
export const sharedData = (relative: string) => path.join(SHARED_DATA_DIR, relative);
