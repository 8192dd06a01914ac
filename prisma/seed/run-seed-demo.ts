/**
 * CLI: seed the database at DATABASE_URL with demo data.
 * Usage: npx tsx prisma/seed/run-seed-demo.ts [demo|bench] [seed]
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/server/generated/prisma/client";
import { seedDemo } from "./seed-demo";

async function main(): Promise<void> {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set");
  const scale = process.argv[2] === "bench" ? "bench" : "demo";
  const seed = process.argv[3] ? Number(process.argv[3]) : 42;
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
  try {
    const r = await seedDemo(prisma, { scale, seed, log: console.log });
    console.log(`done in ${r.ms} ms`);
  } finally {
    await prisma.$disconnect();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
