// The OpenAPI document (src/portal/openapi.yaml) matches what the sandbox serves: every route and
// method is documented and vice versa, references resolve, and enums and fields agree with the zod contract.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import {
  STATUS_LABELS,
  createDossierRequestSchema,
  dossierSchema,
  portalErrorSchema,
  statusCallbackSchema,
} from "../../src/portal/contract.js";
import { createSandboxPortal } from "../../src/portal/sandbox/index.js";
import { realKb } from "../helpers/kb.js";
import { tempDir } from "../helpers/tmp.js";

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { parameters?: Array<{ $ref?: string }> }>>;
  webhooks: Record<string, { post?: { requestBody?: unknown } }>;
  components: {
    parameters: Record<string, { name: string; in: string }>;
    schemas: Record<string, { required?: string[]; enum?: unknown[]; properties?: Record<string, unknown> }>;
  };
}

const doc = parse(readFileSync(resolve(import.meta.dirname, "../../src/portal/openapi.yaml"), "utf8")) as Doc;
const portal = createSandboxPortal({
  dataDir: tempDir(),
  knowledge: realKb(),
  staffToken: null,
  callback: null,
});
afterAll(() => portal.close());

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

describe("OpenAPI document", () => {
  it("is OpenAPI 3 and documents exactly the routes the sandbox serves", () => {
    expect(doc.openapi).toMatch(/^3\./);
    const served = portal.app.routes
      .filter((r) => METHODS.has(r.method.toLowerCase()))
      .map((r) => `${r.method.toLowerCase()} ${r.path.replace(/:(\w+)/g, "{$1}")}`);
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.has(m))
        .map((m) => `${m} ${path}`),
    );
    expect([...new Set(served)].sort()).toEqual(documented.sort());
  });

  it("resolves every $ref", () => {
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1] ?? "");
    expect(refs.length).toBeGreaterThan(10);
    for (const ref of refs) {
      const target = ref
        .split("/")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)?.[key], doc);
      expect([ref, target !== undefined]).toEqual([ref, true]);
    }
  });

  it("names the contract's headers", () => {
    const headers = Object.values(doc.components.parameters)
      .filter((p) => p.in === "header")
      .map((p) => p.name.toLowerCase());
    for (const h of [
      "idempotency-key",
      "x-owner-id-number",
      "x-dossier-token",
      "x-portal-timestamp",
      "x-portal-signature",
    ])
      expect(headers).toContain(h);
  });

  it("agrees with the zod contract on enums and required fields", () => {
    const s = doc.components.schemas;
    expect(s.StatusCode?.enum).toEqual(Object.keys(STATUS_LABELS).map(Number));
    const errorShape = portalErrorSchema.shape.error.shape;
    const errorProps = s.Error?.properties?.error as { properties: { code: { enum: string[] } } };
    expect(errorProps.properties.code.enum).toEqual(errorShape.code.options);
    const keys = (shape: object): string[] => Object.keys(shape).sort();
    expect([...(s.Dossier?.required ?? [])].sort()).toEqual(keys(dossierSchema.shape));
    expect([...(s.CreateDossierRequest?.required ?? [])].sort()).toEqual(
      keys(createDossierRequestSchema.shape),
    );
    expect([...(s.StatusCallback?.required ?? [])].sort()).toEqual(keys(statusCallbackSchema.shape));
    expect(doc.webhooks.dossierStatusChanged?.post?.requestBody).toBeDefined();
  });
});
