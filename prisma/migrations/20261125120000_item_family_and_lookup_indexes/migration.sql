-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "family" TEXT;

-- CreateIndex
CREATE INDEX "AsnLine_asnId_idx" ON "AsnLine"("asnId");

-- CreateIndex
CREATE INDEX "Receipt_asnId_idx" ON "Receipt"("asnId");

-- CreateIndex
CREATE INDEX "Receipt_purchaseOrderId_idx" ON "Receipt"("purchaseOrderId");

-- CreateIndex
CREATE INDEX "ReceiptLine_itemId_idx" ON "ReceiptLine"("itemId");

-- CreateIndex
CREATE INDEX "ReceiptLine_receiptId_idx" ON "ReceiptLine"("receiptId");

-- CreateIndex
CREATE INDEX "ReceiptLine_purchaseOrderLineId_idx" ON "ReceiptLine"("purchaseOrderLineId");

-- CreateIndex
CREATE INDEX "TransferOrderLine_transferOrderId_idx" ON "TransferOrderLine"("transferOrderId");

-- CreateIndex
CREATE INDEX "TransferOrderLine_itemId_idx" ON "TransferOrderLine"("itemId");

-- CreateIndex
CREATE INDEX "CycleCount_itemId_locationId_idx" ON "CycleCount"("itemId", "locationId");

