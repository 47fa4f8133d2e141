import { defineConfig } from "vitest/config";

// Nix evaluations cost 5–35 s and ~1 GB each on a 2-core machine: files run in
// parallel on two workers, and Nix-backed tests get generous timeouts.
export default defineConfig({
  test: {
    include: ["__tests__/**/*.test.ts"],
    pool: "forks",
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 600_000,
    globalSetup: ["__tests__/setup/global.ts"],
  },
});
