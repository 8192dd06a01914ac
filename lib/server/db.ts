import "server-only";
import { createPrismaClient, type PrismaClient } from "@/lib/server/prisma-client";

/** The one Prisma client of a web process, kept on globalThis so dev hot-reload does not leak pools. */
const globalForPrisma = globalThis as unknown as { workbenchPrisma?: PrismaClient };

export const prisma: PrismaClient = globalForPrisma.workbenchPrisma ?? createPrismaClient();
if (process.env.NODE_ENV !== "production") globalForPrisma.workbenchPrisma = prisma;
