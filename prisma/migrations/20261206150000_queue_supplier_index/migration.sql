-- The queue filtered by one supplier reads each (status[, site]) branch in score order from this
-- index instead of walking the site's score index and discarding ~59 of every 60 rows. Its leading
-- column serves every lookup the old supplierId index did (queue facets, foreign key checks).
DROP INDEX "Case_supplierId_idx";

CREATE INDEX "Case_supplierId_status_score_idx" ON "Case"("supplierId", "status", "score" DESC);
