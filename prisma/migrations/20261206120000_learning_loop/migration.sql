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
-- "also" when either had it; entries only in the stored value are kept. Called for every open case on
-- every detection run, hence plpgsql with fast paths (a SQL aggregate over the keys cost ~10x more).
CREATE OR REPLACE FUNCTION learning_merge_rule_triggers(prev jsonb, next jsonb) RETURNS jsonb
LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $fn$
DECLARE
  merged jsonb := COALESCE(prev, '{}'::jsonb) || COALESCE(next, '{}'::jsonb);
  k text;
  n jsonb;
  p jsonb;
  pv jsonb;
  nv jsonb;
BEGIN
  -- Fast paths: a new case, nothing changed.
  IF prev IS NULL OR prev = '{}'::jsonb OR next IS NULL THEN
    RETURN merged;
  END IF;
  IF prev = next THEN
    RETURN prev;
  END IF;
  FOR k, n IN SELECT key, value FROM jsonb_each(next) LOOP
    p := prev -> k;
    CONTINUE WHEN p IS NULL;
    pv := p -> 'value';
    nv := n -> 'value';
    -- The usual case (the value grew or stayed, no other condition before): the newer entry is already the peak.
    IF jsonb_typeof(pv) = 'number' AND jsonb_typeof(nv) = 'number' AND (nv::text)::float8 >= (pv::text)::float8 AND COALESCE((p ->> 'also')::boolean, false) IS NOT TRUE THEN
      CONTINUE;
    END IF;
    merged := jsonb_set(merged, ARRAY[k], n || jsonb_build_object(
      'value', CASE WHEN jsonb_typeof(pv) = 'number' AND jsonb_typeof(nv) = 'number' THEN to_jsonb(GREATEST((pv::text)::float8, (nv::text)::float8)) ELSE 'null'::jsonb END,
      'also', to_jsonb(COALESCE((p ->> 'also')::boolean, false) OR COALESCE((n ->> 'also')::boolean, false))));
  END LOOP;
  RETURN merged;
END
$fn$;
