-- CreateEnum
CREATE TYPE "WriteBackStatus" AS ENUM ('QUEUED', 'SENT', 'CONFIRMED', 'FAILED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "ActionStatus" ADD VALUE 'CHANGES_REQUESTED';
ALTER TYPE "ActionStatus" ADD VALUE 'EXPIRED';
ALTER TYPE "ActionStatus" ADD VALUE 'CANCELLED';

-- AlterEnum
ALTER TYPE "Role" ADD VALUE 'finance';

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedById" TEXT,
ADD COLUMN     "customerTier" "CustomerTier",
ADD COLUMN     "exposure" DOUBLE PRECISION NOT NULL DEFAULT 0,
ADD COLUMN     "resolutionCode" TEXT,
ADD COLUMN     "searchText" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "snoozeOnChange" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "snoozeScoreBase" DOUBLE PRECISION,
ADD COLUMN     "snoozeScoreRisePct" DOUBLE PRECISION,
ADD COLUMN     "snoozeUntil" TIMESTAMP(3),
ADD COLUMN     "snoozedAt" TIMESTAMP(3),
ADD COLUMN     "snoozedById" TEXT,
ADD COLUMN     "writeBackFailedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "CaseAction" ADD COLUMN     "autoApproved" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "currentLevel" INTEGER NOT NULL DEFAULT 1,
ADD COLUMN     "editedByIds" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "expiresAt" TIMESTAMP(3),
ADD COLUMN     "policyReason" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "requiredLevels" JSONB NOT NULL DEFAULT '[]',
ADD COLUMN     "revision" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "ActionApproval" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "level" INTEGER NOT NULL,
    "decision" TEXT NOT NULL,
    "deciderId" TEXT NOT NULL,
    "deciderRole" TEXT NOT NULL,
    "reason" TEXT,
    "policyVersion" INTEGER NOT NULL,
    "decidedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ActionApproval_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApprovalPolicyVersion" (
    "version" INTEGER NOT NULL,
    "policy" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,
    "note" TEXT,

    CONSTRAINT "ApprovalPolicyVersion_pkey" PRIMARY KEY ("version")
);

-- CreateTable
CREATE TABLE "WriteBack" (
    "id" TEXT NOT NULL,
    "actionId" TEXT NOT NULL,
    "caseId" TEXT NOT NULL,
    "dataSourceId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "status" "WriteBackStatus" NOT NULL DEFAULT 'QUEUED',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "request" JSONB NOT NULL,
    "response" JSONB,
    "externalRef" TEXT,
    "lastError" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),
    "confirmedAt" TIMESTAMP(3),
    "failedAt" TIMESTAMP(3),
    "nextAttemptAt" TIMESTAMP(3),

    CONSTRAINT "WriteBack_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SavedView" (
    "id" TEXT NOT NULL,
    "ownerId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "layout" JSONB NOT NULL DEFAULT '{}',
    "shared" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SavedView_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "caseId" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL DEFAULT '',
    "link" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "readAt" TIMESTAMP(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ActionApproval_deciderId_decidedAt_idx" ON "ActionApproval"("deciderId", "decidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "ActionApproval_actionId_revision_level_key" ON "ActionApproval"("actionId", "revision", "level");

-- CreateIndex
CREATE UNIQUE INDEX "WriteBack_actionId_key" ON "WriteBack"("actionId");

-- CreateIndex
CREATE UNIQUE INDEX "WriteBack_idempotencyKey_key" ON "WriteBack"("idempotencyKey");

-- CreateIndex
CREATE INDEX "WriteBack_status_nextAttemptAt_idx" ON "WriteBack"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "WriteBack_caseId_idx" ON "WriteBack"("caseId");

-- CreateIndex
CREATE INDEX "SavedView_shared_idx" ON "SavedView"("shared");

-- CreateIndex
CREATE UNIQUE INDEX "SavedView_ownerId_name_key" ON "SavedView"("ownerId", "name");

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_createdAt_idx" ON "Notification"("userId", "readAt", "createdAt");

-- CreateIndex
CREATE INDEX "Case_status_exposure_idx" ON "Case"("status", "exposure" DESC);

-- CreateIndex
CREATE INDEX "Case_status_slaDueAt_idx" ON "Case"("status", "slaDueAt");

-- CreateIndex
CREATE INDEX "Case_status_openedAt_idx" ON "Case"("status", "openedAt");

-- CreateIndex
CREATE INDEX "Case_assigneeId_status_idx" ON "Case"("assigneeId", "status");

-- CreateIndex
CREATE INDEX "Case_supplierId_idx" ON "Case"("supplierId");

-- AddForeignKey
ALTER TABLE "ActionApproval" ADD CONSTRAINT "ActionApproval_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "CaseAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActionApproval" ADD CONSTRAINT "ActionApproval_deciderId_fkey" FOREIGN KEY ("deciderId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "WriteBack" ADD CONSTRAINT "WriteBack_actionId_fkey" FOREIGN KEY ("actionId") REFERENCES "CaseAction"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedView" ADD CONSTRAINT "SavedView_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Free-text search over title, SKU, PO and order numbers (pg_trgm is a trusted extension: no superuser needed).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Case_searchText_idx" ON "Case" USING GIN ("searchText" gin_trgm_ops);

-- Backfill the new queue columns for cases detected before this migration.
UPDATE "Case" SET "exposure" = "serviceExposure" + "financialExposure", "searchText" = lower("title");
