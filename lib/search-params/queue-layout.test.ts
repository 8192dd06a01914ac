import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_QUEUE_COLUMNS, QUEUE_COLUMNS, parseCasesQuery } from "@/lib/search-params/cases";
import {
  canonicalViewQuery,
  colsParam,
  columnMenuOrder,
  hasActiveFilters,
  layoutOf,
  moveColumn,
  toggleColumn,
  visibleColumns,
} from "@/lib/search-params/queue-layout";

describe("queue column layout", () => {
  test("an empty cols value means the default columns; duplicates are dropped", () => {
    assert.deepEqual(visibleColumns([]), [...DEFAULT_QUEUE_COLUMNS]);
    assert.deepEqual(visibleColumns(["score", "title", "score"]), ["score", "title"]);
  });

  test("hiding then showing a column puts it back where it was", () => {
    const start = [...DEFAULT_QUEUE_COLUMNS];
    const hidden = toggleColumn(start, "exposure");
    assert.equal(hidden.includes("exposure"), false);
    assert.deepEqual(toggleColumn(hidden, "exposure"), start);
  });

  test("a column that was never visible is shown next to its default neighbour", () => {
    // "types" follows "title" in the default order.
    const shown = toggleColumn(["number", "title", "score"], "types");
    assert.deepEqual(shown, ["number", "title", "types", "score"]);
    // "select" has no predecessor: it goes first.
    assert.deepEqual(toggleColumn(["title"], "select"), ["select", "title"]);
  });

  test("the last visible column cannot be hidden", () => {
    assert.deepEqual(toggleColumn(["title"], "title"), ["title"]);
  });

  test("moving swaps with the neighbour and stops at the edges", () => {
    assert.deepEqual(moveColumn(["number", "title", "score"], "title", -1), ["title", "number", "score"]);
    assert.deepEqual(moveColumn(["number", "title", "score"], "title", 1), ["number", "score", "title"]);
    assert.deepEqual(moveColumn(["number", "title"], "number", -1), ["number", "title"]);
    assert.deepEqual(moveColumn(["number", "title"], "title", 1), ["number", "title"]);
    assert.deepEqual(moveColumn(["number", "title"], "score", 1), ["number", "title"]);
  });

  test("the column menu lists every column once, with hidden ones at their return slot", () => {
    const menu = columnMenuOrder(["score", "title"]);
    assert.equal(menu.length, QUEUE_COLUMNS.length);
    assert.deepEqual(new Set(menu.map((m) => m.id)), new Set(QUEUE_COLUMNS));
    assert.deepEqual(
      menu.filter((m) => m.visible).map((m) => m.id),
      ["score", "title"],
    );
    // Toggling any hidden column on yields exactly the menu's order restricted to visible columns.
    for (const item of menu.filter((m) => !m.visible)) {
      const after = toggleColumn(["score", "title"], item.id);
      assert.deepEqual(
        after,
        menu.filter((m) => m.visible || m.id === item.id).map((m) => m.id),
        `showing ${item.id}`,
      );
    }
  });

  test("the default layout is left out of the URL", () => {
    assert.deepEqual(colsParam([...DEFAULT_QUEUE_COLUMNS]), []);
    assert.deepEqual(colsParam(["title", "score"]), ["title", "score"]);
  });

  test("a saved view's layout lists order, hidden columns and density", () => {
    const layout = layoutOf({ cols: ["title", "score"], density: "compact" });
    assert.deepEqual(layout.order, ["title", "score"]);
    assert.equal(layout.hidden.length, QUEUE_COLUMNS.length - 2);
    assert.equal(layout.density, "compact");
  });
});

describe("saved view query", () => {
  test("is canonical: invalid values dropped, page reset, defaults omitted", () => {
    assert.equal(canonicalViewQuery("?page=4&pageSize=7&severity=HIGH&tier=BOGUS&sort=score&cols=title,score&density=compact&evil=1"), "severity=HIGH&cols=title%2Cscore&density=compact");
    assert.equal(canonicalViewQuery(""), "");
  });
});

describe("active filters", () => {
  test("the default query has none; any filter, including snoozed=only or a status change, counts", () => {
    assert.equal(hasActiveFilters(parseCasesQuery({})), false);
    assert.equal(hasActiveFilters(parseCasesQuery({ sort: "exposure", cols: "title", density: "compact", page: "3" })), false);
    assert.equal(hasActiveFilters(parseCasesQuery({ snoozed: "only" })), true);
    assert.equal(hasActiveFilters(parseCasesQuery({ status: "RESOLVED" })), true);
    assert.equal(hasActiveFilters(parseCasesQuery({ scoreMin: "10" })), true);
  });
});
