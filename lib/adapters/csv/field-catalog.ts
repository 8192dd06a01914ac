/**
 * What a flat file can fill for each canonical entity: the kind of every field (how a cell is parsed and whether unit
 * conversion applies) and the header synonyms `suggestMapping` matches against. Required-ness is read from the
 * canonical zod schemas themselves, so it can never drift from them.
 */
import { canonicalSchemas } from "@/lib/domain/canonical/records";

export type FieldKind =
  | "code"
  | "text"
  /** Quantity in the row's unit: multiplied by the unit factor. */
  | "quantity"
  /** Money per unit: divided by the unit factor (a case price → an each price). */
  | "unitMoney"
  | "money"
  | "number"
  | "integer"
  | "date"
  | "boolean"
  | "enum";

export interface FieldSpec {
  kind: FieldKind;
  /** Allowed values for enum fields. */
  values?: readonly string[];
  /** Header spellings that mean this field (compared after lower-casing and dropping non-alphanumerics). */
  synonyms: readonly string[];
}

/** Entities whose records are one row each, so a flat file can carry them. */
export const FILE_ENTITIES = [
  "item",
  "location",
  "supplier",
  "customer",
  "inventoryBalance",
  "purchaseOrderHeader",
  "purchaseOrderLine",
  "salesOrderLine",
  "cycleCount",
  "hold",
] as const;
export type FileEntity = (typeof FILE_ENTITIES)[number];

const ORDER_STATUS = ["OPEN", "CLOSED", "CANCELLED"] as const;
const SKU = ["sku", "item", "itemcode", "itemno", "itemnumber", "itemid", "product", "productnumber", "productcode", "productid", "partnumber", "partno", "material", "article", "articlenumber"];
const LOCATION = ["location", "locationcode", "locationid", "site", "sitecode", "warehouse", "warehousecode", "whs", "plant", "store", "dc"];
const SUPPLIER = ["supplier", "suppliercode", "supplierid", "vendor", "vendorcode", "vendorid", "vendorno", "businessentityid"];
const CUSTOMER = ["customer", "customercode", "customerid", "customerno", "client", "account"];

export const FIELD_CATALOG: Record<FileEntity, Record<string, FieldSpec>> = {
  item: {
    sku: { kind: "code", synonyms: SKU },
    name: { kind: "text", synonyms: ["name", "description", "itemname", "productname", "itemdescription", "title"] },
    uom: { kind: "code", synonyms: ["uom", "unit", "unitofmeasure", "stockunit", "baseunit", "unitmeasurecode"] },
    unitCost: { kind: "unitMoney", synonyms: ["unitcost", "cost", "standardcost", "stdcost", "purchaseprice", "costprice"] },
    unitPrice: { kind: "unitMoney", synonyms: ["unitprice", "price", "listprice", "salesprice", "sellingprice"] },
    abcClass: { kind: "enum", values: ["A", "B", "C"], synonyms: ["abcclass", "abc", "class", "classification"] },
    leadTimeDays: { kind: "integer", synonyms: ["leadtimedays", "leadtime", "averageleadtime", "leaddays", "lt"] },
    primarySupplierCode: { kind: "code", synonyms: ["primarysuppliercode", "primarysupplier", "preferredsupplier", "preferredvendor", ...SUPPLIER] },
    shelfLifeDays: { kind: "integer", synonyms: ["shelflifedays", "shelflife"] },
    family: { kind: "text", synonyms: ["family", "productfamily", "itemfamily", "itemgroup", "productgroup"] },
  },
  location: {
    code: { kind: "code", synonyms: ["code", "locationcode", "locationid", "id", "site", "warehouse", "location"] },
    name: { kind: "text", synonyms: ["name", "description", "locationname", "sitename"] },
    kind: { kind: "enum", values: ["DC", "HUB", "STORE"], synonyms: ["kind", "type", "locationtype"] },
    region: { kind: "text", synonyms: ["region", "area", "country", "zone"] },
  },
  supplier: {
    code: { kind: "code", synonyms: ["code", "suppliercode", "supplierid", "vendorid", "vendorcode", "businessentityid", "id", "accountnumber"] },
    name: { kind: "text", synonyms: ["name", "suppliername", "vendorname", "description"] },
    leadTimeDays: { kind: "integer", synonyms: ["leadtimedays", "leadtime", "averageleadtime"] },
    onTimeRate: { kind: "number", synonyms: ["ontimerate", "otd", "ontime", "ontimedelivery"] },
    medianLatenessDays: { kind: "number", synonyms: ["medianlatenessdays", "latenessdays", "medianlateness"] },
  },
  customer: {
    code: { kind: "code", synonyms: ["code", "customercode", "customerid", "id", "accountnumber", "account"] },
    name: { kind: "text", synonyms: ["name", "customername", "companyname", "description"] },
    tier: { kind: "enum", values: ["STRATEGIC", "KEY", "STANDARD"], synonyms: ["tier", "segment", "customertier"] },
    creditHold: { kind: "boolean", synonyms: ["credithold", "onhold", "blocked"] },
    creditLimit: { kind: "money", synonyms: ["creditlimit", "limit"] },
  },
  inventoryBalance: {
    sku: { kind: "code", synonyms: SKU },
    locationCode: { kind: "code", synonyms: LOCATION },
    lot: { kind: "code", synonyms: ["lot", "lotnumber", "lotno", "batch", "batchnumber"] },
    expiresAt: { kind: "date", synonyms: ["expiresat", "expiry", "expirydate", "expirationdate", "bestbefore", "bbd"] },
    onHand: { kind: "quantity", synonyms: ["onhand", "qtyonhand", "quantity", "qty", "stock", "onhandqty", "unitsinstock", "available"] },
    allocated: { kind: "quantity", synonyms: ["allocated", "qtyallocated", "reserved", "committed"] },
    qualityHold: { kind: "quantity", synonyms: ["qualityhold", "qchold", "blockedstock", "quarantine"] },
    inTransit: { kind: "quantity", synonyms: ["intransit", "qtyintransit", "transit"] },
    safetyStock: { kind: "quantity", synonyms: ["safetystock", "safetystocklevel", "ss", "minimum", "minstock"] },
    maxStock: { kind: "quantity", synonyms: ["maxstock", "maximum", "maxqty"] },
    asOf: { kind: "date", synonyms: ["asof", "date", "snapshotdate", "modifieddate", "updatedat", "timestamp", "stockdate"] },
  },
  purchaseOrderHeader: {
    number: { kind: "code", synonyms: ["number", "ponumber", "pono", "purchaseorder", "purchaseorderid", "purchaseordernumber", "po", "orderno", "ordernumber"] },
    supplierCode: { kind: "code", synonyms: SUPPLIER },
    locationCode: { kind: "code", synonyms: [...LOCATION, "shipto", "receivinglocation"] },
    status: { kind: "enum", values: ORDER_STATUS, synonyms: ["status", "postatus", "orderstatus", "state"] },
    orderedAt: { kind: "date", synonyms: ["orderedat", "orderdate", "podate", "created", "createdat", "date"] },
  },
  purchaseOrderLine: {
    poNumber: { kind: "code", synonyms: ["ponumber", "pono", "purchaseorder", "purchaseorderid", "purchaseordernumber", "po", "orderno", "ordernumber"] },
    lineNo: { kind: "integer", synonyms: ["lineno", "line", "linenumber", "polineno", "poline", "purchaseorderdetailid", "item#"] },
    sku: { kind: "code", synonyms: SKU },
    qtyOrdered: { kind: "quantity", synonyms: ["qtyordered", "orderqty", "orderedqty", "quantity", "qty", "orderquantity"] },
    qtyReceived: { kind: "quantity", synonyms: ["qtyreceived", "receivedqty", "received", "receivedquantity"] },
    unitCost: { kind: "unitMoney", synonyms: ["unitcost", "unitprice", "price", "cost", "netprice"] },
    promisedDate: { kind: "date", synonyms: ["promiseddate", "duedate", "deliverydate", "expecteddate", "promisedate", "needbydate", "eta"] },
    originalPromisedDate: { kind: "date", synonyms: ["originalpromiseddate", "originalduedate", "firstpromiseddate"] },
    supplierCode: { kind: "code", synonyms: SUPPLIER },
    locationCode: { kind: "code", synonyms: LOCATION },
    orderedAt: { kind: "date", synonyms: ["orderedat", "orderdate", "podate"] },
    status: { kind: "enum", values: ORDER_STATUS, synonyms: ["status", "linestatus", "postatus"] },
  },
  salesOrderLine: {
    soNumber: { kind: "code", synonyms: ["sonumber", "salesorder", "salesorderid", "salesordernumber", "orderno", "ordernumber", "order", "name"] },
    customerCode: { kind: "code", synonyms: CUSTOMER },
    locationCode: { kind: "code", synonyms: [...LOCATION, "shipfrom"] },
    orderedAt: { kind: "date", synonyms: ["orderedat", "orderdate", "created", "createdat"] },
    status: { kind: "enum", values: ORDER_STATUS, synonyms: ["status", "orderstatus", "state"] },
    lineNo: { kind: "integer", synonyms: ["lineno", "line", "linenumber"] },
    sku: { kind: "code", synonyms: SKU },
    qtyOrdered: { kind: "quantity", synonyms: ["qtyordered", "orderqty", "quantity", "qty", "orderedqty"] },
    qtyShipped: { kind: "quantity", synonyms: ["qtyshipped", "shippedqty", "shipped", "delivered"] },
    qtyAllocated: { kind: "quantity", synonyms: ["qtyallocated", "allocated", "reserved"] },
    unitPrice: { kind: "unitMoney", synonyms: ["unitprice", "price", "salesprice", "netprice"] },
    promisedShipDate: { kind: "date", synonyms: ["promisedshipdate", "due", "duedate", "shipdate", "requireddate", "requesteddate", "promiseddate"] },
    priority: { kind: "integer", synonyms: ["priority", "prio"] },
  },
  cycleCount: {
    externalKey: { kind: "code", synonyms: ["externalkey", "countid", "id", "reference", "countnumber"] },
    sku: { kind: "code", synonyms: SKU },
    locationCode: { kind: "code", synonyms: LOCATION },
    countedAt: { kind: "date", synonyms: ["countedat", "countdate", "date"] },
    systemQty: { kind: "quantity", synonyms: ["systemqty", "bookqty", "expectedqty", "systemquantity"] },
    countedQty: { kind: "quantity", synonyms: ["countedqty", "countqty", "actualqty", "counted", "quantity"] },
  },
  hold: {
    externalKey: { kind: "code", synonyms: ["externalkey", "holdid", "id", "reference"] },
    kind: { kind: "enum", values: ["QUALITY", "CREDIT"], synonyms: ["kind", "type", "holdtype"] },
    sku: { kind: "code", synonyms: SKU },
    locationCode: { kind: "code", synonyms: LOCATION },
    qty: { kind: "quantity", synonyms: ["qty", "quantity", "heldqty"] },
    lot: { kind: "code", synonyms: ["lot", "lotnumber", "batch"] },
    reason: { kind: "text", synonyms: ["reason", "comment", "note", "description"] },
    placedAt: { kind: "date", synonyms: ["placedat", "holddate", "date", "created"] },
    releasedAt: { kind: "date", synonyms: ["releasedat", "releasedate", "released"] },
  },
};

/** Fields the canonical schema cannot do without (no default, not optional). */
export function requiredFields(entity: FileEntity): string[] {
  const shape = canonicalSchemas[entity].shape as Record<string, { safeParse(v: unknown): { success: boolean } }>;
  return Object.keys(FIELD_CATALOG[entity]).filter((field) => !shape[field].safeParse(undefined).success);
}
