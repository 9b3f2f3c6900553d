import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

// One way into the database: only data modules, mutations and the auth adapter use the Prisma client.
const prismaOnlyInDataModules = {
  name: "@/lib/db/prisma",
  message: "Only lib/<domain>/data.ts and mutations.ts may use the Prisma client.",
};
const sessionsOnlyInDataModules = {
  name: "@/lib/db/dedicated-transaction",
  message: "Only lib/<domain>/data.ts and mutations.ts may open database connections.",
};
const dedicatedSessionsOnlyInDataModules = {
  name: "@/lib/db/dedicated-session",
  message: "Only lib/<domain>/data.ts and mutations.ts may open database connections (types may be imported anywhere).",
  allowTypeImports: true,
};
// Authorization through types: only the gates in lib/auth mint the branded contexts.
const mintOnlyInGates = {
  name: "@/lib/auth/context",
  importNames: ["mintActor", "mintProjectAccess", "mintArticleAccess", "mintAdminAccess"],
  message: "Only the gates in lib/auth mint authorization contexts.",
};

const config = [
  ...nextVitals,
  ...nextTypescript,
  { ignores: ["lib/db/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"] },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        { paths: [prismaOnlyInDataModules, sessionsOnlyInDataModules, dedicatedSessionsOnlyInDataModules, mintOnlyInGates] },
      ],
    },
  },
  {
    files: [
      "lib/*/data.ts",
      "lib/*/mutations.ts",
      // The Auth.js Prisma adapter.
      "lib/users/next-auth.ts",
      "lib/demo/seed.ts",
      "lib/testing/**",
      "server/**",
      "scripts/**",
      "bench/**",
      "**/*.test.ts",
    ],
    rules: { "no-restricted-imports": ["error", { paths: [mintOnlyInGates] }] },
  },
  { files: ["lib/auth/**"], rules: { "no-restricted-imports": "off" } },
  // Playwright fixtures receive a callback named `use`, which is not React's hook.
  { files: ["e2e/**"], rules: { "react-hooks/rules-of-hooks": "off" } },
  // Layout is Prettier's (npm run format); turn off the few ESLint rules that would disagree with it.
  prettier,
];

export default config;
