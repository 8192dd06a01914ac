/**
 * The case score as it stood when a decision was made — total, the four terms with their inputs,
 * severity and config version — kept in the decision's audit row so the audit log shows what the
 * approver saw. Not `server-only`: the worker's expiry job writes audit rows too.
 */
type CaseScore = {
  score: number;
  severity: string;
  serviceExposure: number;
  financialExposure: number;
  urgency: number;
  confidence: number;
  configVersion: number;
  explanation: unknown;
};

type StoredTerm = { code?: unknown; value?: unknown; inputs?: unknown; formula?: unknown };

export function scoreSnapshot(c: CaseScore) {
  const explanation = c.explanation && typeof c.explanation === "object" ? (c.explanation as { terms?: unknown }) : {};
  const terms = Array.isArray(explanation.terms)
    ? (explanation.terms as StoredTerm[])
        .filter((t) => t && typeof t.code === "string")
        .map((t) => ({ code: t.code as string, value: typeof t.value === "number" ? t.value : null, formula: typeof t.formula === "string" ? t.formula : null, inputs: t.inputs && typeof t.inputs === "object" ? t.inputs : {} }))
    : [];
  return {
    score: c.score,
    severity: c.severity,
    serviceExposure: c.serviceExposure,
    financialExposure: c.financialExposure,
    urgency: c.urgency,
    confidence: c.confidence,
    configVersion: c.configVersion,
    terms,
  };
}
