import { defineConfig } from "prisma/config";

// `env()` throws when DATABASE_URL is unset, which would break `prisma generate` on a fresh clone (no
// database is needed to generate the client), so read process.env with a placeholder instead.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/margin" },
});
