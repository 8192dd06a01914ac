/**
 * Property test over every zod schema at the boundary, found automatically so a new one is covered without editing
 * this file: the input schema of every server action (captured through runAction), every exported schema of
 * lib/domain, lib/search-params and lib/adapters (canonical records, webhook envelope, source configs, column
 * mappings), and the file-import options. For arbitrary (hostile) JSON: safeParse never throws, a failure always
 * has issues with a message, and a value that is wrong for one field is reported at that field's path.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { z } from "zod";
import { ROOT } from "@/lib/cli/database";
import { captureActionSchemas } from "./action-result";
import { checkProperty, describeStats } from "@/lib/testing/fuzz/settings";
import { hostileJson } from "@/lib/testing/fuzz/hostile-values";

const isSchema = (v: unknown): v is z.ZodType => v instanceof z.ZodType;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((entry) => {
    const p = path.join(dir, entry);
    if (statSync(p).isDirectory()) return entry === "testing" || entry === "generated" ? [] : sourceFiles(p);
    return entry.endsWith(".ts") && !entry.endsWith(".test.ts") ? [p] : [];
  });
}

async function moduleSchemas(): Promise<Map<string, z.ZodType>> {
  const found = new Map<string, z.ZodType>();
  const files = [...["lib/domain", "lib/search-params", "lib/adapters"].flatMap((d) => sourceFiles(path.join(ROOT, d))), path.join(ROOT, "lib/server/ingest/payload-batches.ts")];
  for (const file of files) {
    if (!/from "zod"/.test(readFileSync(file, "utf8"))) continue;
    const mod = (await import(file)) as Record<string, unknown>;
    for (const [name, value] of Object.entries(mod)) {
      if (isSchema(value)) found.set(`${path.relative(ROOT, file)}#${name}`, value);
      // Maps of schemas (canonicalSchemas: entity → schema).
      else if (value && typeof value === "object" && !Array.isArray(value)) {
        for (const [key, inner] of Object.entries(value)) if (isSchema(inner)) found.set(`${path.relative(ROOT, file)}#${name}.${key}`, inner);
      }
    }
  }
  return found;
}

async function actionSchemas(): Promise<{ schemas: Map<string, z.ZodType>; withoutSchema: string[] }> {
  const schemas = new Map<string, z.ZodType>();
  const withoutSchema: string[] = [];
  const dir = path.join(ROOT, "lib/actions");
  for (const file of readdirSync(dir).filter((f) => f.endsWith("-actions.ts"))) {
    const mod = (await import(path.join(dir, file))) as Record<string, unknown>;
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== "function") continue;
      const captured = await captureActionSchemas(() => (fn as (input: unknown) => Promise<unknown>)(undefined));
      if (captured.length === 0) withoutSchema.push(`${file}#${name}`);
      captured.forEach((s, i) => schemas.set(`${file}#${name}${captured.length > 1 ? `[${i}]` : ""}`, s));
    }
  }
  return { schemas, withoutSchema };
}

/** The object shape of a schema, when it is a plain object schema (the per-field property needs one). */
function shapeOf(schema: z.ZodType): Record<string, z.ZodType> | null {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : null;
}

function assertWellFormedFailure(name: string, result: z.ZodSafeParseResult<unknown>) {
  if (result.success) return;
  assert.ok(result.error.issues.length > 0, `${name}: a failure without issues`);
  for (const issue of result.error.issues) {
    assert.equal(typeof issue.message, "string", `${name}: issue without a message`);
    assert.ok(issue.message.length > 0, `${name}: empty message`);
    assert.ok(Array.isArray(issue.path), `${name}: issue without a path`);
  }
}

test("every server action validates its input with a zod schema through runAction", async () => {
  const { schemas, withoutSchema } = await actionSchemas();
  assert.deepEqual(withoutSchema, [], "actions that never reach runAction (no server-side validation)");
  assert.ok(schemas.size >= 30, `found ${schemas.size} action schemas`);
});

test("boundary schemas: arbitrary JSON never makes safeParse throw; every failure has issues with messages", async (t) => {
  const all = new Map([...(await actionSchemas()).schemas, ...(await moduleSchemas())]);
  assert.ok(all.size >= 50, `found ${all.size} schemas`);
  const entries = [...all];
  const stats = await checkProperty(
    `boundary schemas (${entries.length})`,
    fc.property(fc.nat({ max: entries.length - 1 }), hostileJson(), (index, value) => {
      const [name, schema] = entries[index];
      assertWellFormedFailure(name, schema.safeParse(value));
    }),
    // Every schema gets ~30 values on average.
    entries.length * 30,
  );
  t.diagnostic(describeStats(stats));
});

test("boundary schemas: a value that is wrong for one field is reported at that field's path", async (t) => {
  const all = new Map([...(await actionSchemas()).schemas, ...(await moduleSchemas())]);
  const objects = [...all].flatMap(([name, schema]) => {
    const shape = shapeOf(schema);
    return shape && Object.keys(shape).length > 0 ? [{ name, schema, shape, keys: Object.keys(shape) }] : [];
  });
  assert.ok(objects.length >= 40, `found ${objects.length} object schemas`);
  const stats = await checkProperty(
    `object schemas, one bad field (${objects.length})`,
    fc.property(fc.nat({ max: objects.length - 1 }), fc.nat(), hostileJson(2), (index, keyIndex, value) => {
      const { name, schema, shape, keys } = objects[index];
      const key = keys[keyIndex % keys.length];
      // Only when the value is wrong for that field on its own (hostile values are often fine for a string field).
      fc.pre(!shape[key].safeParse(value).success);
      const result = schema.safeParse({ [key]: value });
      assert.equal(result.success, false, `${name}: accepted an invalid ${key}`);
      assertWellFormedFailure(name, result);
      assert.ok(
        result.error.issues.some((issue) => issue.path[0] === key),
        `${name}: no issue names '${key}' (issues: ${JSON.stringify(result.error.issues.map((i) => i.path))})`,
      );
    }),
    objects.length * 20,
  );
  t.diagnostic(describeStats(stats));
});
