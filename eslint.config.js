// ESLint flat config: typescript-eslint type-checked rules for all TypeScript,
// plus the architecture rule that keeps src/core free of I/O packages.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

const ioPackages = [
  "grammy",
  "hono",
  "@hono/*",
  "axios",
  "redis",
  "ioredis",
  "bullmq",
  "hnswlib-node",
  "better-sqlite3",
  "pino",
  "@langchain/*",
  "langchain",
  "node:*",
  "fs",
  "path",
  "http",
  "net",
];

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "data/",
      "coverage/",
      "test-results/",
      "src/channels/web/static/",
      "src/http/staff-console/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/switch-exhaustiveness-check": [
        "error",
        { considerDefaultExhaustiveForUnions: true },
      ],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["src/core/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ioPackages, message: "src/core is pure: talk to the outside world through a port." },
          ],
        },
      ],
      "no-restricted-globals": ["error", { name: "process", message: "src/core must not read process/env." }],
    },
  },
  {
    files: ["src/**/*.ts"],
    ignores: ["src/config/**"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Only src/config reads process.env." },
      ],
    },
  },
  {
    files: ["eslint.config.js"],
    ...tseslint.configs.disableTypeChecked,
  },
);
