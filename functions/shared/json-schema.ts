import * as z from 'zod';

type JsonSchema = Record<string, unknown>;

/**
 * JSON Schemas (draft 2020-12) of named zod schemas, each referring to the others by
 * `${refBase}${name}` (`#/components/schemas/` in an OpenAPI document, `#/$defs/` in a
 * standalone schema), so that a document holding them all resolves every `$ref`.
 *
 * @example
 * namedJsonSchemas({ Aggregate: aggregateSchema }, { io: 'output', refBase: '#/components/schemas/' });
 */
export const namedJsonSchemas = (
  schemas: Record<string, z.ZodType>,
  { io, refBase }: { io: 'input' | 'output'; refBase: string },
) => {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const generated = z.toJSONSchema(registry, {
    uri: (id) => `${refBase}${id}`,
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  });
  return Object.fromEntries(
    Object.entries(generated.schemas).map(([id, schema]) => {
      const { $schema: _schema, $id: _id, ...rest } = schema as JsonSchema;
      return [id, rest];
    }),
  ) as Record<string, JsonSchema>;
};

/**
 * The JSON Schema of one zod schema on its own (inputs: what a client may send).
 *
 * @example
 * jsonSchemaOf(npsParams).properties; // { segment: {…}, from: {…}, … }
 */
export const jsonSchemaOf = (schema: z.ZodType, io: 'input' | 'output' = 'input'): JsonSchema => {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
    target: 'draft-2020-12',
  }) as JsonSchema;
  return rest;
};
