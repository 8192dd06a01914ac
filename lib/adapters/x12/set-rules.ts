/** Per-set structure facts the reader checks: the beginning segment every known set must open with. */
export const BEGINNING_SEGMENT: Readonly<Record<string, string>> = {
  "810": "BIG",
  "832": "BCT",
  "846": "BIA",
  "850": "BEG",
  "855": "BAK",
  "856": "BSN",
  "940": "W05",
  "943": "W06",
  "944": "W17",
  "945": "W06",
  "997": "AK1",
};

export const SET_NAMES: Readonly<Record<string, string>> = {
  "810": "invoice",
  "832": "price/sales catalog",
  "846": "inventory inquiry/advice",
  "850": "purchase order",
  "855": "purchase order acknowledgment",
  "856": "ship notice/manifest",
  "940": "warehouse shipping order",
  "943": "warehouse stock transfer shipment advice",
  "944": "warehouse stock transfer receipt advice",
  "945": "warehouse shipping advice",
  "997": "functional acknowledgment",
};
