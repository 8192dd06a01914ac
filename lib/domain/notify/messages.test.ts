import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { absoluteUrl, emailContent, slackPayload, teamsPayload, type NotifyMessage } from "@/lib/domain/notify/messages";

const base = "https://workbench.example.com/";
const msg: NotifyMessage = {
  kind: "APPROVAL_REQUESTED",
  title: "Approval needed: Expedite $12,000 on case #42",
  body: "Level 1 of 2 (supervisor) · PO 4711 <late> & short",
  link: "/approvals#action-abc",
  facts: [
    { label: "Site", value: "DC-ATL" },
    { label: "Severity", value: "Critical" },
  ],
};

describe("absoluteUrl", () => {
  it("joins the public URL and an app link without doubling slashes; keeps absolute links", () => {
    assert.equal(absoluteUrl(base, "/cases/1"), "https://workbench.example.com/cases/1");
    assert.equal(absoluteUrl("http://localhost:3000", "cases/1"), "http://localhost:3000/cases/1");
    assert.equal(absoluteUrl(base, "https://other/x"), "https://other/x");
  });
});

describe("Slack payload", () => {
  it("has a fallback text with the link, a header, the escaped body, the facts and an Open button", () => {
    const p = slackPayload(msg, base);
    assert.equal(p.text, "Approval needed: Expedite $12,000 on case #42 <https://workbench.example.com/approvals#action-abc|Open>");
    const [header, body, facts, actions] = p.blocks as Record<string, any>[];
    assert.deepEqual(header, { type: "header", text: { type: "plain_text", text: msg.title, emoji: false } });
    assert.equal(body.text.text, "Level 1 of 2 (supervisor) · PO 4711 &lt;late&gt; &amp; short");
    assert.deepEqual(facts.fields.map((f: { text: string }) => f.text), ["*Site*\nDC-ATL", "*Severity*\nCritical"]);
    assert.equal(actions.elements[0].url, "https://workbench.example.com/approvals#action-abc");
  });
});

describe("Teams payload", () => {
  it("is a message with one Adaptive Card: title, body, facts, OpenUrl action", () => {
    const p = teamsPayload(msg, base) as { type: string; attachments: { contentType: string; content: Record<string, any> }[] };
    assert.equal(p.type, "message");
    assert.equal(p.attachments.length, 1);
    assert.equal(p.attachments[0].contentType, "application/vnd.microsoft.card.adaptive");
    const card = p.attachments[0].content;
    assert.equal(card.type, "AdaptiveCard");
    assert.equal(card.version, "1.4");
    assert.equal(card.body[0].text, msg.title);
    assert.equal(card.body[1].text, msg.body, "Adaptive Card text is not HTML: no escaping");
    assert.deepEqual(card.body[2], { type: "FactSet", facts: [{ title: "Site", value: "DC-ATL" }, { title: "Severity", value: "Critical" }] });
    assert.deepEqual(card.actions, [{ type: "Action.OpenUrl", title: "Open in Exception Workbench", url: "https://workbench.example.com/approvals#action-abc" }]);
  });
});

describe("e-mail", () => {
  it("has a one-line subject, a text body with the link and an HTML body with everything escaped", () => {
    const e = emailContent({ ...msg, title: "Line one\nline two" }, base);
    assert.equal(e.subject, "[Exception Workbench] Line one line two");
    assert.match(e.text, /Open: https:\/\/workbench\.example\.com\/approvals#action-abc/);
    assert.match(e.text, /Site: DC-ATL/);
    assert.match(e.html, /PO 4711 &lt;late&gt; &amp; short/);
    assert.match(e.html, /<a href="https:\/\/workbench\.example\.com\/approvals#action-abc">/);
  });

  it("renders a digest's sections with new/changed marks and the count of items that left", () => {
    const digest: NotifyMessage = {
      kind: "DIGEST",
      title: "Your daily digest",
      body: "",
      link: "/cases",
      digest: {
        date: "2026-12-06",
        changed: 1,
        removed: 2,
        sections: [
          { heading: "Your open cases", items: [{ title: "#7 Stockout at DC-ATL", detail: "High · SLA breached", link: "/cases/c7", mark: "changed" }] },
          { heading: "Approvals waiting for you", items: [] },
        ],
      },
    };
    const e = emailContent(digest, base);
    assert.match(e.text, /Your open cases \(1\)\n- #7 Stockout at DC-ATL \[changed\] — High · SLA breached\n {2}https:\/\/workbench\.example\.com\/cases\/c7/);
    assert.doesNotMatch(e.text, /Approvals waiting/, "empty sections are left out");
    assert.match(e.text, /2 items left your list/);
    const slack = slackPayload(digest, base);
    assert.ok(JSON.stringify(slack.blocks).includes("<https://workbench.example.com/cases/c7|#7 Stockout at DC-ATL> _(changed)_"));
  });
});
