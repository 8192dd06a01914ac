import { test } from "node:test";
import assert from "node:assert/strict";
import { candidatePaths, libpqTarget, toolMajor } from "@/lib/cli/pg-tools";

test("the password goes to PGPASSWORD, never onto the tool's command line", () => {
  const { dbname, env } = libpqTarget("postgresql://postgres:s%40cret@127.0.0.1:54329/workbench?sslmode=disable");
  assert.equal(dbname, "postgresql://postgres@127.0.0.1:54329/workbench?sslmode=disable");
  assert.equal(env.PGPASSWORD, "s@cret");
  const trust = libpqTarget("postgresql://postgres@127.0.0.1:5432/test");
  assert.equal(trust.dbname, "postgresql://postgres@127.0.0.1:5432/test");
  assert.equal(trust.env.PGPASSWORD, process.env.PGPASSWORD);
});

test("candidates honour PG_BIN_DIR first and end with PATH; a binary that does not run has no version", () => {
  const saved = process.env.PG_BIN_DIR;
  process.env.PG_BIN_DIR = "/usr/bin";
  try {
    const paths = candidatePaths("pg_dump", 15);
    assert.equal(paths[0], "/usr/bin/pg_dump");
    assert.equal(paths.at(-1), "pg_dump");
  } finally {
    if (saved === undefined) delete process.env.PG_BIN_DIR;
    else process.env.PG_BIN_DIR = saved;
  }
  assert.equal(toolMajor("/nonexistent/pg_dump"), null);
  assert.equal(toolMajor("pg_dump"), 15);
});
