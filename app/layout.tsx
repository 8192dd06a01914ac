import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";
import { Providers } from "@/components/layout/providers";

export const metadata: Metadata = {
  title: { default: "Exception Workbench", template: "%s · Exception Workbench" },
  description: "Detect, rank and resolve supply-chain exceptions by money and time.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Render every page per request: the Content-Security-Policy nonce (proxy.ts) is new on each one,
  // and a page prerendered at build time would carry scripts without it.
  await connection();
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
