-- AlterTable
ALTER TABLE "RawPayload" ADD COLUMN     "detectedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "RawPayload_runId_idx" ON "RawPayload"("runId");

-- CreateIndex
CREATE INDEX "RawPayload_detectedAt_idx" ON "RawPayload"("detectedAt");

