/** @type {import('next').NextConfig} */
const nextConfig = {
  // pg and the Prisma adapter are Node libraries: keep them out of the server bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "pg-boss", "bcryptjs"],
  poweredByHeader: false,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
