import "server-only";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";

/** One Prisma client per web process, kept on globalThis so dev hot-reload does not leak pools. */
const globalForPrisma = globalThis as unknown as { workbenchPrisma?: PrismaClient };

function client(): PrismaClient {
  return (globalForPrisma.workbenchPrisma ??= createPrismaClient());
}

/**
 * Created on first use, not at import: `next build` imports route modules to collect page data
 * and must not need a database.
 */
export const prisma: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, property) {
    const real = client();
    const value = Reflect.get(real, property, real);
    return typeof value === "function" ? value.bind(real) : value;
  },
});
