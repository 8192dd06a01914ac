/** The bulk-read pool reaches the database its Prisma client was built for, not DATABASE_URL. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createPrismaClient, databaseUrlOf } from "@/lib/server/prisma-client";
import { queryRows, sqlPool } from "@/lib/server/pipeline/sql-pool";
import { createTestDatabase } from "@/lib/testing/test-database";

test("createPrismaClient remembers its URL and sqlPool connects there", async () => {
  const db = await createTestDatabase("empty");
  const prisma = createPrismaClient(db.url);
  try {
    assert.equal(databaseUrlOf(prisma), db.url);
    assert.equal(sqlPool(prisma), sqlPool(prisma), "one pool per client");
    const [[name]] = await queryRows(prisma, "SELECT current_database()");
    assert.equal(name, new URL(db.url).pathname.slice(1));
  } finally {
    await sqlPool(prisma).end();
    await prisma.$disconnect();
    await db.drop();
  }
});
