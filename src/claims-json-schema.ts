/**
 * The JSON Schema of claim files, generated from the zod schemas (src/claim-schema.ts and every
 * registered kind's `fields`), shipped as src/claims.schema.json so editors autocomplete claim
 * files (`# yaml-language-server: $schema=…`). A test keeps the shipped file in sync.
 */
import { z } from 'zod';
import { claimCommonSchema, claimFileSchema } from './claim-schema.ts';
import { getProcedure, procedureKinds } from './procedures/index.ts';

export function claimsJsonSchema(): Record<string, unknown> {
  const opts = { io: 'input', unrepresentable: 'any' } as const;
  const file = z.toJSONSchema(claimFileSchema, opts) as Record<string, unknown> & { properties: Record<string, unknown> };
  const common = z.toJSONSchema(claimCommonSchema, opts) as Record<string, unknown>;
  const kinds = procedureKinds().map((kind) => {
    const proc = getProcedure(kind)!;
    const fields = z.toJSONSchema(proc.fields, opts) as Record<string, unknown>;
    return { title: kind, description: proc.summary, allOf: [common, fields, { properties: { kind: { const: kind } }, required: ['kind'] }] };
  });
  file.properties.claims = { type: 'array', items: { anyOf: kinds } };
  return { $id: 'https://hypocheck.dev/claims.schema.json', title: 'hypocheck claim file', ...file };
}

/** Where the shipped schema lives. */
export const SCHEMA_FILE = new URL('./claims.schema.json', import.meta.url);

/** The schema as written to src/claims.schema.json. */
export function claimsJsonSchemaText(): string {
  return JSON.stringify(claimsJsonSchema(), null, 1) + '\n';
}

// `tsx src/claims-json-schema.ts` rewrites the shipped file (npm run schema).
if (process.argv[1] && new URL(`file://${process.argv[1]}`).href === import.meta.url) {
  const { writeFileSync } = await import('node:fs');
  writeFileSync(SCHEMA_FILE, claimsJsonSchemaText());
}
