-- CreateEnum
CREATE TYPE "AckStatus" AS ENUM ('NONE', 'ACCEPTED', 'CHANGED', 'REJECTED');

-- CreateEnum
CREATE TYPE "SyncRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'SUCCEEDED', 'PARTIAL', 'FAILED');

-- CreateEnum
CREATE TYPE "PayloadStatus" AS ENUM ('RECEIVED', 'PROCESSED', 'PARTIAL', 'FAILED');

-- CreateEnum
CREATE TYPE "QuarantineStatus" AS ENUM ('OPEN', 'REPLAYED', 'DISCARDED');

-- AlterTable
ALTER TABLE "Location" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Supplier" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "creditLimit" DECIMAL(14,2),
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Item" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "shelfLifeDays" INTEGER,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "InventoryBalance" ADD COLUMN     "lastIssueAt" TIMESTAMP(3),
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "PurchaseOrder" ADD COLUMN     "ackStatus" "AckStatus" NOT NULL DEFAULT 'NONE',
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Asn" ADD COLUMN     "carrier" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Receipt" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "SalesOrder" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "TransferOrder" ADD COLUMN     "carrier" TEXT,
ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "CycleCount" ADD COLUMN     "externalKey" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Hold" ADD COLUMN     "externalKey" TEXT,
ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
ADD COLUMN     "sourceVersion" BIGINT NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "config" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "cursor" JSONB,
ADD COLUMN     "enabled" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "lastAttemptAt" TIMESTAMP(3),
ADD COLUMN     "lastError" TEXT,
ADD COLUMN     "secretCiphertext" TEXT;

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "autoRouted" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "escalatedAt" TIMESTAMP(3),
ADD COLUMN     "escalationLevel" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "recommendations" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "summary" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "team" TEXT;

-- CreateTable
CREATE TABLE "LotBalance" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "locationId" TEXT NOT NULL,
    "lot" TEXT NOT NULL,
    "qty" INTEGER NOT NULL,
    "expiresAt" TIMESTAMP(3),
    "receivedAt" TIMESTAMP(3),
    "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
    "sourceVersion" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "LotBalance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SupplierAcknowledgement" (
    "id" TEXT NOT NULL,
    "externalKey" TEXT NOT NULL,
    "purchaseOrderId" TEXT NOT NULL,
    "supplierId" TEXT NOT NULL,
    "status" "AckStatus" NOT NULL,
    "acknowledgedAt" TIMESTAMP(3) NOT NULL,
    "lines" JSONB NOT NULL DEFAULT '[]',
    "sourceSystem" TEXT NOT NULL DEFAULT 'demo',
    "sourceVersion" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "SupplierAcknowledgement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SyncRun" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "trigger" TEXT NOT NULL,
    "status" "SyncRunStatus" NOT NULL DEFAULT 'QUEUED',
    "requestedById" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "progressDone" BIGINT NOT NULL DEFAULT 0,
    "progressTotal" BIGINT,
    "read" INTEGER NOT NULL DEFAULT 0,
    "accepted" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "cursorBefore" JSONB,
    "cursorAfter" JSONB,
    "details" JSONB NOT NULL DEFAULT '{}',

    CONSTRAINT "SyncRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RawPayload" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "runId" TEXT,
    "direction" TEXT NOT NULL DEFAULT 'IN',
    "kind" TEXT NOT NULL,
    "contentType" TEXT NOT NULL,
    "fileName" TEXT,
    "sha256" TEXT NOT NULL,
    "sizeBytes" BIGINT NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "body" BYTEA,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "status" "PayloadStatus" NOT NULL DEFAULT 'RECEIVED',
    "processedAt" TIMESTAMP(3),
    "error" TEXT,

    CONSTRAINT "RawPayload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RawPayloadChunk" (
    "payloadId" TEXT NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "RawPayloadChunk_pkey" PRIMARY KEY ("payloadId","seq")
);

-- CreateTable
CREATE TABLE "QuarantinedRecord" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "runId" TEXT,
    "payloadId" TEXT,
    "entity" TEXT NOT NULL,
    "position" TEXT NOT NULL,
    "field" TEXT,
    "message" TEXT NOT NULL,
    "record" JSONB NOT NULL,
    "status" "QuarantineStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "replayError" TEXT,

    CONSTRAINT "QuarantinedRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportMapping" (
    "id" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "mapping" JSONB NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportMapping_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RoutingRule" (
    "id" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "conditions" JSONB NOT NULL,
    "team" TEXT NOT NULL,
    "assigneeId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RoutingRule_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "LotBalance_expiresAt_idx" ON "LotBalance"("expiresAt");

-- CreateIndex
CREATE UNIQUE INDEX "LotBalance_itemId_locationId_lot_key" ON "LotBalance"("itemId", "locationId", "lot");

-- CreateIndex
CREATE UNIQUE INDEX "SupplierAcknowledgement_externalKey_key" ON "SupplierAcknowledgement"("externalKey");

-- CreateIndex
CREATE INDEX "SupplierAcknowledgement_purchaseOrderId_idx" ON "SupplierAcknowledgement"("purchaseOrderId");

-- CreateIndex
CREATE INDEX "SyncRun_sourceId_queuedAt_idx" ON "SyncRun"("sourceId", "queuedAt" DESC);

-- CreateIndex
CREATE INDEX "RawPayload_status_idx" ON "RawPayload"("status");

-- CreateIndex
CREATE UNIQUE INDEX "RawPayload_sourceId_direction_idempotencyKey_key" ON "RawPayload"("sourceId", "direction", "idempotencyKey");

-- CreateIndex
CREATE INDEX "QuarantinedRecord_sourceId_status_createdAt_idx" ON "QuarantinedRecord"("sourceId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ImportMapping_sourceId_entity_key" ON "ImportMapping"("sourceId", "entity");

-- CreateIndex
CREATE INDEX "RoutingRule_position_idx" ON "RoutingRule"("position");

-- CreateIndex
CREATE UNIQUE INDEX "CycleCount_externalKey_key" ON "CycleCount"("externalKey");

-- CreateIndex
CREATE UNIQUE INDEX "Hold_externalKey_key" ON "Hold"("externalKey");

-- AddForeignKey
ALTER TABLE "LotBalance" ADD CONSTRAINT "LotBalance_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "Item"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LotBalance" ADD CONSTRAINT "LotBalance_locationId_fkey" FOREIGN KEY ("locationId") REFERENCES "Location"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplierAcknowledgement" ADD CONSTRAINT "SupplierAcknowledgement_purchaseOrderId_fkey" FOREIGN KEY ("purchaseOrderId") REFERENCES "PurchaseOrder"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SupplierAcknowledgement" ADD CONSTRAINT "SupplierAcknowledgement_supplierId_fkey" FOREIGN KEY ("supplierId") REFERENCES "Supplier"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SyncRun" ADD CONSTRAINT "SyncRun_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RawPayload" ADD CONSTRAINT "RawPayload_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RawPayload" ADD CONSTRAINT "RawPayload_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RawPayloadChunk" ADD CONSTRAINT "RawPayloadChunk_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "RawPayload"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedRecord" ADD CONSTRAINT "QuarantinedRecord_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedRecord" ADD CONSTRAINT "QuarantinedRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SyncRun"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "QuarantinedRecord" ADD CONSTRAINT "QuarantinedRecord_payloadId_fkey" FOREIGN KEY ("payloadId") REFERENCES "RawPayload"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportMapping" ADD CONSTRAINT "ImportMapping_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "DataSource"("id") ON DELETE CASCADE ON UPDATE CASCADE;

