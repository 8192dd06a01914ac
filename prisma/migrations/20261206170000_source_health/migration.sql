-- AlterTable
ALTER TABLE "DataSource" ADD COLUMN     "consecutiveFailures" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unhealthySince" TIMESTAMP(3);
