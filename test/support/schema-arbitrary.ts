import fc from 'fast-check';

type Json = Record<string, any>;

/** Names that look like object prototype properties: data like any other name, never code. */
export const PROTOTYPE_NAMES = [
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'prototype',
  '__defineGetter__',
];

const resolve = (schema: Json, document: Json): Json => {
  if (!schema.$ref) return schema;
  const path = String(schema.$ref).replace(/^#\//, '').split('/');
  return resolve(
    path.reduce((node, key) => node[key], document),
    document,
  );
};

const stringArbitrary = (schema: Json): fc.Arbitrary<string> => {
  if (schema.format === 'date-time') {
    return fc
      .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2026-11-30T00:00:00Z'), noInvalidDate: true })
      .map((d) => d.toISOString());
  }
  if (schema.format === 'date')
    return fc
      .date({ min: new Date('2025-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10));
  if (schema.pattern) {
    const pattern = new RegExp(schema.pattern, 'u');
    return fc
      .stringMatching(pattern)
      .filter((s) => s.length >= (schema.minLength ?? 0) && [...s].length <= (schema.maxLength ?? 64));
  }
  return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 30, 30) });
};

const objectArbitrary = (schema: Json, document: Json): fc.Arbitrary<unknown> => {
  if (schema.properties) {
    const required: string[] = schema.required ?? [];
    const props = Object.fromEntries(
      Object.entries(schema.properties as Json).map(([name, property]) => [name, schemaArbitrary(property, document)]),
    );
    return fc.record(props, { requiredKeys: required });
  }
  const value =
    typeof schema.additionalProperties === 'object'
      ? schemaArbitrary(schema.additionalProperties, document)
      : fc.string();
  const key = schema.propertyNames?.pattern
    ? fc.stringMatching(new RegExp(schema.propertyNames.pattern))
    : fc.string({ maxLength: 10 });
  return fc.dictionary(key, value, { maxKeys: Math.min(schema.maxProperties ?? 4, 4) });
};

const BY_TYPE: Record<string, (schema: Json, document: Json) => fc.Arbitrary<unknown>> = {
  string: (schema) => stringArbitrary(schema),
  integer: (schema) => fc.integer({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000 }),
  number: (schema) => fc.double({ min: schema.minimum ?? -1_000, max: schema.maximum ?? 1_000, noNaN: true }),
  boolean: () => fc.boolean(),
  null: () => fc.constant(null),
  array: (schema, document) =>
    fc.array(schemaArbitrary(schema.items ?? {}, document), {
      minLength: schema.minItems ?? 0,
      maxLength: Math.min(schema.maxItems ?? 3, 3),
    }),
  object: objectArbitrary,
};

/**
 * Values a JSON Schema (of the OpenAPI document) accepts, as a fast-check arbitrary: the
 * subset of keywords the document uses ($ref, enum, const, type lists, anyOf, patterns,
 * formats, bounds). Generates from the document itself, so the fuzz test follows it.
 *
 * @example
 * fc.sample(schemaArbitrary({ $ref: '#/components/schemas/Submission' }, document), 3);
 */
export const schemaArbitrary = (raw: Json, document: Json): fc.Arbitrary<unknown> => {
  const schema = resolve(raw, document);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  if (schema.anyOf ?? schema.oneOf)
    return fc.oneof(...(schema.anyOf ?? schema.oneOf).map((s: Json) => schemaArbitrary(s, document)));
  if (Array.isArray(schema.type))
    return fc.oneof(...schema.type.map((type: string) => schemaArbitrary({ ...schema, type }, document)));
  const byType = BY_TYPE[schema.type ?? (schema.properties ? 'object' : 'string')];
  return byType ? byType(schema, document) : fc.jsonValue();
};

/**
 * A valid value made wrong in one way: a prototype-like name or value slipped in, a wrong type, an unknown or missing
 * field.
 */
export const mutated = (value: unknown): fc.Arbitrary<unknown> => {
  const name = fc.constantFrom(...PROTOTYPE_NAMES);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fc.oneof(name, fc.constant(null), fc.integer(), fc.constant({}), fc.constant([]), fc.constant(value));
  }
  const entries = Object.keys(value as Json);
  return fc.oneof(
    name.map((key) => Object.fromEntries([...Object.entries(value as Json), [key, 'x']])),
    fc
      .tuple(name, fc.constantFrom(...(entries.length ? entries : ['x'])))
      .map(([prototypeName, key]) => ({ ...(value as Json), [key]: prototypeName })),
    name.map((key) => ({ ...(value as Json), segments: { [key]: 'x', region: key } })),
    fc
      .constantFrom(...(entries.length ? entries : ['x']))
      .map((key) => Object.fromEntries(Object.entries(value as Json).filter(([k]) => k !== key))),
    fc.constantFrom(...(entries.length ? entries : ['x'])).map((key) => ({ ...(value as Json), [key]: [key] })),
  );
};
