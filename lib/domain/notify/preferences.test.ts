import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { BUILT_IN_PREFERENCES, channelsFor, effectivePreferences, preferencesSchema, readMatrix } from "@/lib/domain/notify/preferences";
import { NOTIFICATION_KINDS } from "@/lib/domain/notify/kinds";

describe("notification preferences", () => {
  it("built-in defaults: everything in-app, e-mail except mentions, personal chat off, digest on", () => {
    for (const k of NOTIFICATION_KINDS) assert.equal(BUILT_IN_PREFERENCES.matrix[k].inApp, true);
    assert.equal(BUILT_IN_PREFERENCES.matrix.MENTION.email, false);
    assert.equal(BUILT_IN_PREFERENCES.matrix.APPROVAL_REQUESTED.email, true);
    assert.equal(BUILT_IN_PREFERENCES.matrix.NEW_CRITICAL_CASE.chat, false);
    assert.equal(BUILT_IN_PREFERENCES.digest, true);
  });

  it("a person's own row wins; without one the organisation's defaults apply; without those the built-in ones", () => {
    const org = { matrix: { ...BUILT_IN_PREFERENCES.matrix, MENTION: { inApp: true, email: true, chat: false } }, digest: false };
    const own = { matrix: { ...BUILT_IN_PREFERENCES.matrix, DECISION_MADE: { inApp: false, email: false, chat: true } }, digest: true };
    assert.equal(effectivePreferences(null, null).source, "built-in");
    const fromOrg = effectivePreferences(null, org);
    assert.equal(fromOrg.source, "organisation");
    assert.equal(fromOrg.matrix.MENTION.email, true);
    assert.equal(fromOrg.digest, false);
    const mine = effectivePreferences(own, org);
    assert.equal(mine.source, "own");
    assert.deepEqual(mine.matrix.DECISION_MADE, { inApp: false, email: false, chat: true });
    assert.equal(mine.digest, true);
  });

  it("reads stored matrices leniently: missing kinds and cells take the fallback, unknown kinds are dropped", () => {
    const m = readMatrix({ MENTION: { email: true }, SOMETHING_OLD: { inApp: false } });
    assert.deepEqual(m.MENTION, { inApp: true, email: true, chat: false });
    assert.deepEqual(m.SLA_AT_RISK, BUILT_IN_PREFERENCES.matrix.SLA_AT_RISK);
    assert.equal("SOMETHING_OLD" in m, false);
    assert.deepEqual(readMatrix(null), BUILT_IN_PREFERENCES.matrix);
  });

  it("validates form input strictly", () => {
    assert.equal(preferencesSchema.safeParse(BUILT_IN_PREFERENCES).success, true);
    const missing = { ...BUILT_IN_PREFERENCES.matrix } as Record<string, unknown>;
    delete missing.MENTION;
    assert.equal(preferencesSchema.safeParse({ matrix: missing, digest: true }).success, false);
    assert.equal(preferencesSchema.safeParse({ matrix: { ...BUILT_IN_PREFERENCES.matrix, MENTION: { inApp: "yes", email: false, chat: false } }, digest: true }).success, false);
    assert.equal(preferencesSchema.safeParse({ matrix: { ...BUILT_IN_PREFERENCES.matrix, EXTRA: { inApp: true, email: true, chat: true } }, digest: true }).success, false);
  });

  it("a channel switch is usable only when the channel is available", () => {
    const prefs = effectivePreferences({ matrix: { APPROVAL_REQUESTED: { inApp: true, email: true, chat: true } }, digest: true }, null);
    assert.deepEqual(channelsFor(prefs, "APPROVAL_REQUESTED", { email: true, chat: true }), { inApp: true, email: true, chat: true });
    assert.deepEqual(channelsFor(prefs, "APPROVAL_REQUESTED", { email: false, chat: false }), { inApp: true, email: false, chat: false });
  });
});

describe("following the defaults", () => {
  it("a row with no matrix and no digest choice (only a chat webhook) follows the organisation", () => {
    const org = { matrix: { ...BUILT_IN_PREFERENCES.matrix, MENTION: { inApp: false, email: true, chat: true } }, digest: false };
    const p = effectivePreferences({ matrix: null, digest: null }, org);
    assert.equal(p.source, "organisation");
    assert.deepEqual(p.matrix.MENTION, { inApp: false, email: true, chat: true });
    assert.equal(effectivePreferences({ matrix: null, digest: true }, org).digest, true);
    assert.deepEqual(effectivePreferences({ matrix: null, digest: true }, org).matrix.MENTION, org.matrix.MENTION);
  });
});
