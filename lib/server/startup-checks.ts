// Refuse to serve production traffic without a session-signing secret: sessions could be forged.
if (process.env.NODE_ENV === "production" && process.env.NEXT_PHASE !== "phase-production-build" && !process.env.AUTH_SECRET) {
  console.error("AUTH_SECRET is not set. Refusing to start: sessions could be forged without it. (npm run demo sets one for local use.)");
  process.exit(1);
}
export {};
