/** Runs once when a server process starts: refuse to serve production traffic without a signing secret. */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  if (process.env.NODE_ENV === "production" && !process.env.AUTH_SECRET) {
    console.error("AUTH_SECRET is not set. Refusing to start: sessions could be forged without it. (npm run demo sets one for local use.)");
    process.exit(1);
  }
}
