/** Odoo unit names (uom.uom name, English) → the short unit codes the workbench shows; other names are upper-cased. */
const ODOO_UOM_CODES: Record<string, string> = {
  Units: "EA",
  "Unit(s)": "EA",
  Dozens: "DZ",
  kg: "KG",
  g: "G",
  t: "T",
  lb: "LB",
  "lb(s)": "LB",
  oz: "OZ",
  "oz(s)": "OZ",
  L: "L",
  l: "L",
  ml: "ML",
  m: "M",
  cm: "CM",
  mm: "MM",
  km: "KM",
  Hours: "HR",
  Days: "DAY",
};

const MAX_UOM_LENGTH = 10;

/** The unit code for an Odoo unit name, or null when it does not fit the 10-character unit column. */
export function uomCode(name: string): string | null {
  const code = ODOO_UOM_CODES[name] ?? name.trim().toUpperCase();
  return code.length > 0 && code.length <= MAX_UOM_LENGTH ? code : null;
}
