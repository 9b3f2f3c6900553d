import type { NextConfig } from "next";

const config: NextConfig = {
  poweredByHeader: false,
  // The server (server/main.ts) compresses responses itself, JSON Lines exports included.
  compress: false,
  // forbidden() renders app/forbidden.tsx with a 403 for members whose role does not allow a page.
  experimental: { authInterrupts: true },
  // Native or Node-only packages: load them from node_modules at run time instead of bundling them. Yjs
  // and its helpers too: the collaboration server (loaded outside Next.js) and route handlers must share
  // one copy, or Yjs' type checks fail across them.
  serverExternalPackages: ["@node-rs/argon2", "pg", "@prisma/adapter-pg", "yjs", "lib0", "y-protocols", "@hocuspocus/server", "ws"],
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Referrer-Policy", value: "same-origin" },
        ],
      },
    ];
  },
};

export default config;
