// `npm run test:faults`: the scripted fault and scale-out tests alone (kill -9, Redis restart, portal
// down, slow channel API, two instances on one Redis). They also run in `npm test`.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    environment: "node",
    include: [
      "test/faults/**/*.test.ts",
      "test/scale/**/*.test.ts",
      "test/portal/chat-portal-down.test.ts",
      "test/portal/chat-kill-mid-request.test.ts",
    ],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
