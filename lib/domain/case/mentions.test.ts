import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { activeMentionQuery, matchCandidates, mentionsInBody, splitMentions } from "@/lib/domain/case/mentions";

const sam = { id: "u1", name: "Sam Super" };
const samLee = { id: "u2", name: "Sam Lee" };
const ana = { id: "u3", name: "Ana" };

describe("mentionsInBody", () => {
  it("keeps picked mentions whose @Name is still in the text, once each", () => {
    assert.deepEqual(mentionsInBody("@Sam Super please check, cc @Ana", [sam, ana, sam]), [sam, ana]);
  });
  it("drops a mention whose name was edited away or only partly present", () => {
    assert.deepEqual(mentionsInBody("@Sam please check", [sam]), []);
    assert.deepEqual(mentionsInBody("@Anabel said so", [ana]), [], "a longer word is another name");
    assert.deepEqual(mentionsInBody("mail ana@Ana", [ana]), [], "inside a word is not a mention");
  });
});

describe("splitMentions", () => {
  it("splits text and mentions, longest name first", () => {
    assert.deepEqual(splitMentions("Hi @Sam Lee and @Sam Super.", [sam, samLee]), [
      { text: "Hi " },
      { text: "@Sam Lee", mention: samLee },
      { text: " and " },
      { text: "@Sam Super", mention: sam },
      { text: "." },
    ]);
  });
  it("returns the plain text when there is nothing to highlight", () => {
    assert.deepEqual(splitMentions("no mentions here", [sam]), [{ text: "no mentions here" }]);
    assert.deepEqual(splitMentions("", []), []);
  });
});

describe("activeMentionQuery", () => {
  it("finds the @query being typed at the caret", () => {
    assert.deepEqual(activeMentionQuery("ping @Sa", 8), { start: 5, query: "Sa" });
    assert.deepEqual(activeMentionQuery("@", 1), { start: 0, query: "" });
    assert.deepEqual(activeMentionQuery("ping @Sam S", 11), { start: 5, query: "Sam S" });
  });
  it("ignores e-mail addresses, finished lines and a caret before the @", () => {
    assert.equal(activeMentionQuery("mail sam@demo", 13), null);
    assert.equal(activeMentionQuery("@Sam\nnext", 9), null);
    assert.equal(activeMentionQuery("ping @Sam", 3), null);
    assert.equal(activeMentionQuery("ping @ Sam", 10), null);
  });
});

describe("matchCandidates", () => {
  it("ranks name starts, then word starts, then substrings", () => {
    const all = [sam, samLee, ana, { id: "u4", name: "Lee Ana" }];
    assert.deepEqual(matchCandidates(all, "sam").map((c) => c.id), ["u2", "u1"]);
    assert.deepEqual(matchCandidates(all, "lee").map((c) => c.id), ["u4", "u2"]);
    assert.deepEqual(matchCandidates(all, "upe").map((c) => c.id), ["u1"]);
    assert.equal(matchCandidates(all, "").length, 4);
    assert.deepEqual(matchCandidates(all, "zzz"), []);
    assert.deepEqual(matchCandidates(all, "Sam ").map((c) => c.id), ["u2", "u1"], "a space between words keeps matching");
    assert.deepEqual(matchCandidates(all, "Sam Super "), [], "a finished mention closes the list");
  });
});
