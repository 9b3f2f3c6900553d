import path from "node:path";
import { globSync } from "tinyglobby";
import { defineConfig } from "vitest/config";
import { databaseTests } from "./lib/testing/test-kinds";

const root = import.meta.dirname;
const tests = globSync(["lib/**/*.test.ts", "server/**/*.test.ts", "scripts/**/*.test.ts"], { cwd: root, ignore: ["**/node_modules/**"] });
// Only tests that reach the database start it and get a database of their own (lib/testing/test-kinds.ts).
const withDatabase = databaseTests(root, tests);

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // Tests run data modules in plain Node, where the server-only marker has nothing to guard.
      "server-only": path.join(root, "node_modules/server-only/empty.js"),
    },
  },
  test: {
    environment: "node",
    // next-auth imports "next/server" without an extension, which Node's ESM loader rejects; let Vite
    // resolve its imports instead.
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: "unit", include: tests.filter((file) => !withDatabase.has(file)) } },
      {
        extends: true,
        test: {
          name: "database",
          include: [...withDatabase],
          globalSetup: ["lib/testing/global-setup.ts"],
          setupFiles: ["lib/testing/database-per-file.ts"],
        },
      },
    ],
  },
});
