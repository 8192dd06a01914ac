import { expect, test } from "@playwright/test";
import { spawn } from "node:child_process";

test("the production server refuses to start without AUTH_SECRET", async () => {
  const env = { ...process.env, NODE_ENV: "production", PORT: "3199" } as NodeJS.ProcessEnv;
  delete env.AUTH_SECRET;
  delete env.NEXTAUTH_SECRET;
  const child = spawn("node_modules/.bin/next", ["start", "-p", "3199"], { env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  const code = await new Promise<number | null>((resolve) => {
    const timer = setTimeout(() => (child.kill("SIGKILL"), resolve(null)), 30_000);
    child.on("exit", (c) => (clearTimeout(timer), resolve(c)));
  });
  expect(code, `next start kept running without AUTH_SECRET:\n${output}`).toBe(1);
  expect(output).toContain("AUTH_SECRET is not set");
});
