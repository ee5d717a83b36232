import fc from 'fast-check';

/** Bodies that break the ingest contract in one way each: the generators behind malformed.ts. */
export const valid = {
  responseId: 'mal-base',
  score: 9,
  submittedAt: '2026-11-20T10:15:00Z',
  segments: { region: 'eu' },
  comment: 'ok',
  respondentId: 'c',
};

const notAString = fc.oneof(
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string(), { maxLength: 2 }),
  fc.object({ maxDepth: 1 }),
);
const wrongScore = fc.oneof(
  fc.integer({ min: 11 }),
  fc.integer({ max: -1 }),
  fc.double({ min: 0.01, max: 9.99, noInteger: true }),
  fc.string(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.nat(10), { maxLength: 2 }),
  fc.constant('9'),
);
const badResponseId = fc.oneof(
  notAString,
  fc.constant(''),
  fc.stringMatching(/^[._:-][A-Za-z0-9]{0,5}$/),
  fc.stringMatching(/^[A-Za-z0-9]{1,5}[ /#?%é][A-Za-z0-9]{0,5}$/),
  fc.constant('x'.repeat(129)),
);
const badInstant = fc.oneof(
  notAString,
  fc.constant('2026-11-20'),
  fc.constant('2026-11-20T10:15:00'),
  fc.constant('20/11/2026 10:15'),
  fc.constant('2026-13-01T00:00:00Z'),
  fc.constant('2026-02-30T00:00:00Z'),
  fc.constant('2026-11-20T24:00:00Z'),
  fc.constant('1999-12-31T23:59:59Z'),
  fc.constant('2099-01-01T00:00:00Z'),
  fc.integer({ min: 0 }).map(String),
  fc.string({ maxLength: 30 }).filter((s) => !/^\d{4}-/.test(s)),
);
const badSegments = fc.oneof(
  fc.oneof(fc.string(), fc.integer(), fc.boolean(), fc.array(fc.string(), { maxLength: 3 })),
  fc.stringMatching(/^[A-Z_0-9][a-zA-Z0-9]{0,5}$/).map((key) => ({ [key]: 'x' })),
  fc.constant({ ['a'.repeat(33)]: 'x' }),
  notAString.map((value) => ({ region: value })),
  fc.constant({ region: '' }),
  fc.constant({ region: 'x'.repeat(65) }),
  fc.stringMatching(/^[a-z]{1,3}[,:;<>"'!?@#$%^&*()=+\\]{1,2}[a-z]{0,3}$/).map((value) => ({ region: value })),
  fc.integer({ min: 11, max: 20 }).map((n) => Object.fromEntries(Array.from({ length: n }, (_, i) => [`d${i}`, 'v']))),
  fc.constant({ region: '\ud800' }),
);
const badComment = fc.oneof(
  notAString,
  fc.constant('x'.repeat(5001)),
  fc.constant('😀'.repeat(5001)),
  fc.constant('ok\udfff'),
);
const badRespondent = fc.oneof(notAString, fc.constant(''), fc.constant('r'.repeat(129)));
const unknownField = fc.stringMatching(/^[a-zA-Z_]{1,12}$/).filter((key) => !(key in valid));

/** Bodies of `POST /v1/responses`, each wrong in at least one way. */
export const badSubmission = fc.oneof(
  badResponseId.map((v) => ({ kind: 'responseId', body: { ...valid, responseId: v } })),
  wrongScore.map((v) => ({ kind: 'score', body: { ...valid, score: v } })),
  badInstant.map((v) => ({ kind: 'submittedAt', body: { ...valid, submittedAt: v } })),
  badSegments.map((v) => ({ kind: 'segments', body: { ...valid, segments: v } })),
  badComment.map((v) => ({ kind: 'comment', body: { ...valid, comment: v } })),
  badRespondent.map((v) => ({ kind: 'respondentId', body: { ...valid, respondentId: v } })),
  fc.tuple(unknownField, fc.jsonValue()).map(([key, v]) => ({ kind: 'unknown field', body: { ...valid, [key]: v } })),
  fc.constantFrom('responseId', 'score', 'submittedAt').map((key) => {
    const { [key as 'score']: _, ...rest } = valid;
    return { kind: 'missing field', body: rest };
  }),
  fc
    .oneof(fc.array(fc.jsonValue(), { maxLength: 3 }), fc.string(), fc.integer(), fc.constant(null), fc.boolean())
    .map((v) => ({ kind: 'not an object', body: v })),
);

export const encodeJson = (value: unknown): string => JSON.stringify(value);
const utf8 = (text: string) => new TextEncoder().encode(text);

/** Transport-level garbage: broken JSON, broken encodings, wrong content types, oversize. */
export const badTransport = fc.oneof(
  fc
    .string({ minLength: 1, maxLength: 40 })
    .filter((s) => {
      try {
        JSON.parse(s);
        return false;
      } catch {
        return true;
      }
    })
    .map((s) => ({ kind: 'not JSON', contentType: 'application/json', body: s as string | Uint8Array })),
  fc.constant({
    kind: 'truncated JSON',
    contentType: 'application/json',
    body: encodeJson(valid).slice(0, 30) as string | Uint8Array,
  }),
  fc.constant({ kind: 'empty body', contentType: 'application/json', body: '' as string | Uint8Array }),
  fc.uint8Array({ minLength: 1, maxLength: 8 }).map((junk) => ({
    kind: 'invalid UTF-8',
    contentType: 'application/json',
    body: new Uint8Array([...utf8('{"responseId":"'), 0xc3, 0x28, ...junk, ...utf8('"}')]) as string | Uint8Array,
  })),
  fc.constant({
    kind: 'UTF-16 body',
    contentType: 'application/json',
    body: new Uint8Array(Buffer.from(encodeJson(valid), 'utf16le')) as string | Uint8Array,
  }),
  fc.constant({
    kind: 'lone surrogate escape',
    contentType: 'application/json',
    body: encodeJson({ ...valid, comment: 'x' }).replace('"x"', '"\\ud800"') as string | Uint8Array,
  }),
  fc
    .constantFrom(
      'text/plain',
      'application/xml',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'application/jsonp',
    )
    .map((contentType) => ({ kind: 'content type', contentType, body: encodeJson(valid) as string | Uint8Array })),
  fc.constant({
    kind: 'oversize',
    contentType: 'application/json',
    body: encodeJson({ ...valid, comment: 'x'.repeat(66_000) }) as string | Uint8Array,
  }),
);

/** Bodies of `PATCH /v1/responses/{id}` that must be refused. */
export const badAmendment = fc.oneof(
  wrongScore.map((v) => ({ score: v })),
  badComment.map((v) => ({ comment: v })),
  badInstant
    .filter((v) => typeof v === 'string' && v !== '2099-01-01T00:00:00Z')
    .map((v) => ({ score: 3, amendedAt: v })),
  fc.constant({}),
  fc.constant({ amendedAt: '2026-11-21T00:00:00Z' }),
  fc.tuple(unknownField, fc.jsonValue()).map(([key, v]) => ({ score: 3, [key]: v })),
);

/** Batch envelopes that must be refused as a whole. */
export const badBatch = fc.oneof(
  fc.constant({ responses: [] }),
  fc.constant({ responses: Array.from({ length: 101 }, () => valid) }),
  fc.oneof(fc.string(), fc.integer(), fc.constant(null), fc.object({ maxDepth: 1 })).map((v) => ({ responses: v })),
  fc.constant({ responses: [valid], extra: true }),
  fc.oneof(fc.array(fc.jsonValue(), { maxLength: 2 }), fc.string(), fc.constant(null)),
);
