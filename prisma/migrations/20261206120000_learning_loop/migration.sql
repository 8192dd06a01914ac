-- CreateEnum
CREATE TYPE "ThresholdProposalStatus" AS ENUM ('OPEN', 'ACCEPTED', 'DISMISSED', 'SUPERSEDED');

-- AlterTable
ALTER TABLE "Case" ADD COLUMN     "ruleTriggers" JSONB NOT NULL DEFAULT '{}';

-- CreateTable
CREATE TABLE "ThresholdProposal" (
    "id" TEXT NOT NULL,
    "ruleType" TEXT NOT NULL,
    "thresholdKey" TEXT NOT NULL,
    "currentValue" DOUBLE PRECISION NOT NULL,
    "proposedValue" DOUBLE PRECISION NOT NULL,
    "baseVersion" INTEGER NOT NULL,
    "status" "ThresholdProposalStatus" NOT NULL DEFAULT 'OPEN',
    "evidence" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "computedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "acceptedVersion" INTEGER,

    CONSTRAINT "ThresholdProposal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ThresholdProposal_status_ruleType_idx" ON "ThresholdProposal"("status", "ruleType");

-- CreateIndex
CREATE INDEX "ThresholdProposal_createdAt_idx" ON "ThresholdProposal"("createdAt");

-- CreateIndex
CREATE INDEX "Case_learning_history_idx" ON "Case"("primaryType", "resolvedAt", "siteId", "supplierId", "openedAt", "resolutionCode", "status", "id");

-- CreateIndex
CREATE INDEX "CaseAction_caseId_status_type_idx" ON "CaseAction"("caseId", "status", "type");


-- Peak merge of Case."ruleTriggers" (same rules as mergeRuleTriggers in lib/domain/learning/rule-triggers.ts):
-- per finding fingerprint the newer entry with the higher of both values (null when either is null),
-- "also" when either had it; entries only in the stored value are kept.
CREATE OR REPLACE FUNCTION learning_merge_rule_triggers(prev jsonb, next jsonb) RETURNS jsonb
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $fn$
  SELECT COALESCE(jsonb_object_agg(k,
    CASE
      WHEN p IS NULL THEN n
      WHEN n IS NULL THEN p
      ELSE n || jsonb_build_object(
        'value', CASE WHEN jsonb_typeof(p -> 'value') = 'number' AND jsonb_typeof(n -> 'value') = 'number'
                      THEN to_jsonb(GREATEST((p ->> 'value')::float8, (n ->> 'value')::float8)) ELSE 'null'::jsonb END,
        'also', to_jsonb(COALESCE((p ->> 'also')::boolean, false) OR COALESCE((n ->> 'also')::boolean, false)))
    END), '{}'::jsonb)
  FROM (
    SELECT k, COALESCE(prev, '{}'::jsonb) -> k AS p, COALESCE(next, '{}'::jsonb) -> k AS n
    FROM (SELECT jsonb_object_keys(COALESCE(prev, '{}'::jsonb)) UNION SELECT jsonb_object_keys(COALESCE(next, '{}'::jsonb))) AS keys(k)
  ) AS pairs
$fn$;
