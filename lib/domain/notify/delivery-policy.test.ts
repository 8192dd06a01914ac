import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { checkWebhookUrl, classifyHttpStatus, classifySmtpCode, deliveryBackoffMs, webhookHostAllowlist } from "@/lib/domain/notify/delivery-policy";

describe("delivery policy", () => {
  it("backs off 30 s, 1, 2, 4 … minutes, capped at 30", () => {
    assert.deepEqual([1, 2, 3, 4].map(deliveryBackoffMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(deliveryBackoffMs(20), 30 * 60_000);
  });

  it("retries timeouts, throttling and server errors; not refusals", () => {
    assert.equal(classifyHttpStatus(200), "ok");
    assert.equal(classifyHttpStatus(202), "ok");
    for (const s of [408, 429, 500, 502, 503]) assert.equal(classifyHttpStatus(s), "transient", String(s));
    for (const s of [400, 403, 404, 410]) assert.equal(classifyHttpStatus(s), "permanent", String(s));
    assert.equal(classifySmtpCode(undefined), "transient");
    assert.equal(classifySmtpCode(421), "transient");
    assert.equal(classifySmtpCode(550), "permanent");
    assert.equal(classifySmtpCode(250), "ok");
  });
});

describe("webhook URLs", () => {
  const allow = webhookHostAllowlist("chat.example.com, 127.0.0.1");

  it("accepts Slack and Teams hosts out of the box and hints without the secret", () => {
    const slack = checkWebhookUrl("https://hooks.slack.com/services/T000/B000/XXXXsecretABCD", allow);
    assert.deepEqual(slack, { ok: true, url: "https://hooks.slack.com/services/T000/B000/XXXXsecretABCD", hint: "hooks.slack.com/…ABCD" });
    assert.equal(checkWebhookUrl("https://contoso.webhook.office.com/webhookb2/abc", allow).ok, true);
    assert.equal(checkWebhookUrl("https://prod-12.westus.logic.azure.com:443/workflows/abc/triggers/manual/paths/invoke?sig=x", allow).ok, true);
  });

  it("refuses other hosts, plain http to remote hosts, credentials and non-URLs", () => {
    assert.match((checkWebhookUrl("https://10.0.0.5/hook", allow) as { error: string }).error, /not allowed/);
    assert.match((checkWebhookUrl("https://evil.com/?hooks.slack.com", allow) as { error: string }).error, /not allowed/);
    assert.match((checkWebhookUrl("https://notwebhook.office.com.evil.com/x", allow) as { error: string }).error, /not allowed/);
    assert.match((checkWebhookUrl("http://hooks.slack.com/services/x", allow) as { error: string }).error, /https/);
    assert.match((checkWebhookUrl("https://u:p@hooks.slack.com/services/x", allow) as { error: string }).error, /user name/);
    assert.match((checkWebhookUrl("slack channel", allow) as { error: string }).error, /not a URL/);
  });

  it("allows extra hosts and local http receivers only when configured", () => {
    assert.equal(checkWebhookUrl("https://chat.example.com/hooks/abc", allow).ok, true);
    assert.equal(checkWebhookUrl("http://127.0.0.1:4000/slack", allow).ok, true);
    assert.equal(checkWebhookUrl("http://127.0.0.1:4000/slack", webhookHostAllowlist(undefined)).ok, false);
  });
});
