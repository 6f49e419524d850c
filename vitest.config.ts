import { defineConfig } from "vitest/config";

const esbuild = { jsx: "automatic" as const, jsxImportSource: "preact" };

export default defineConfig({
  esbuild,
  test: {
    pool: "forks",
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
    testTimeout: 120_000,
    hookTimeout: 120_000,
    projects: [
      {
        esbuild,
        test: {
          name: "main",
          setupFiles: ["test/fast-check-seed.ts"],
          // One migrated database per run; every test file's fresh database is a copy of it.
          globalSetup: ["test/database-template.ts"],
          include: ["src/**/*.test.{ts,tsx}", "scripts/**/*.test.ts"],
          // The slowest tests take half a minute on a busy machine, whose speed swings 2–3× with load.
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        esbuild,
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.e2e.{ts,tsx}"],
          globalSetup: ["test/database-template.ts"],
          // A journey takes a minute on a quiet machine; its speed swings 2–3× with load.
          testTimeout: 300_000,
          hookTimeout: 120_000,
          // Two files at a time (the root's two forks, one per core): each has its own portal, database and Chromium.
        },
      },
    ],
  },
});
