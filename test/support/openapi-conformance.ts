import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { openApiDocument } from '../../functions/query-api/openapi/document';

type Json = Record<string, any>;

/** An answer as a client saw it. */
export interface ObservedAnswer {
  method: string;
  /** Path and query as requested (`/v1/nps?segment=all`). */
  path: string;
  status: number;
  contentType: string | null;
  body: string;
}

const DOCUMENT_ID = 'https://nps-backend.local/openapi.json';

/** The media type of a Content-Type header, without parameters. */
const mediaTypeOf = (contentType: string | null) => (contentType ?? '(none)').split(';')[0]!.trim();

/** A key as a JSON Pointer reference token. */
const pointerPart = (key: string) => key.replaceAll('~', '~0').replaceAll('/', '~1');

/** A path template of the document as a regular expression (`{responseId}` matches one segment). */
const templatePattern = (template: string) => new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);

/**
 * Checks answers against the OpenAPI document the backend serves: the operation (path
 * template and method) must exist, the status must be documented (or fall under
 * `default`), the content type must be one the response lists, and the body must
 * validate against that media type's schema (JSON Schema 2020-12, with Ajv). Answers to
 * paths the document does not describe (`/local/*`, unknown paths) are out of scope.
 *
 * @example
 * const violation = checkAnswer({ method: 'GET', path: '/v1/nps', status: 200, contentType: 'application/json', body
 * });
 * expect(violation).toBeUndefined();
 */
export const createConformanceChecker = (document: Json = openApiDocument()) => {
  const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...document, $id: DOCUMENT_ID });
  const templates = Object.keys(document.paths).map((template) => ({ template, pattern: templatePattern(template) }));
  const validators = new Map<string, ReturnType<typeof ajv.compile>>();
  const validatorOf = (pointer: string) => {
    const validate = validators.get(pointer) ?? ajv.compile({ $ref: `${DOCUMENT_ID}#${pointer}` });
    validators.set(pointer, validate);
    return validate;
  };

  const bodyViolation = (pointer: string, mediaType: string, body: string): string | undefined => {
    if (!mediaType.endsWith('json')) return typeof body === 'string' ? undefined : 'not text';
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return `the body is not JSON: ${body.slice(0, 80)}`;
    }
    const validate = validatorOf(pointer);
    return validate(parsed) ? undefined : `the body does not match ${pointer}: ${ajv.errorsText(validate.errors)}`;
  };

  /** The documented response of an answer's operation and status, or why there is none. */
  const documentedResponse = (
    answer: ObservedAnswer,
    template: string,
  ): { statusKey: string; documented: Json } | string => {
    const method = answer.method.toLowerCase();
    const operation = document.paths[template][method];
    if (!operation) return `${answer.method} ${template} is not documented (answered ${answer.status})`;
    const statusKey = String(answer.status) in operation.responses ? String(answer.status) : 'default';
    const documented = operation.responses[statusKey];
    if (!documented || (statusKey === 'default' && answer.status < 500))
      return `${answer.status} is not documented for ${method} ${template}`;
    return { statusKey, documented };
  };

  const contentViolation = (
    answer: ObservedAnswer,
    template: string,
    { statusKey, documented }: { statusKey: string; documented: Json },
  ) => {
    const method = answer.method.toLowerCase();
    if (method === 'head') return answer.body ? 'a HEAD answer has a body' : undefined;
    if (!documented.content) return undefined;
    const mediaType = mediaTypeOf(answer.contentType);
    if (!(mediaType in documented.content))
      return `${mediaType} is not documented for ${answer.status} of ${method} ${template}`;
    return bodyViolation(
      `/paths/${pointerPart(template)}/${method}/responses/${statusKey}/content/${pointerPart(mediaType)}/schema`,
      mediaType,
      answer.body,
    );
  };

  return (answer: ObservedAnswer): string | undefined => {
    const path = answer.path.split('?')[0]!;
    // as API Gateway routes: among the templates the path matches, the one with the method (PATCH /v1/responses/batch
    // is {responseId})
    const matching = templates.filter(({ pattern }) => pattern.test(path));
    const found = matching.find(({ template }) => document.paths[template][answer.method.toLowerCase()]) ?? matching[0];
    if (!found || (answer.status === 405 && !document.paths[found.template][answer.method.toLowerCase()]))
      return undefined;
    const response = documentedResponse(answer, found.template);
    return typeof response === 'string' ? response : contentViolation(answer, found.template, response);
  };
};
