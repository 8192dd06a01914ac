-- AlterTable
ALTER TABLE "RawPayload" ADD COLUMN     "signature" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "RawPayload_sourceId_signature_key" ON "RawPayload"("sourceId", "signature");

