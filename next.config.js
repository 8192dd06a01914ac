/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma adapter are Node libraries: keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss", "bcryptjs"],
  poweredByHeader: false,
  // Fixed security headers on every response; the nonce-based Content-Security-Policy and HSTS are set
  // per request in proxy.ts (see SECURITY.md).
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()" },
          { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
