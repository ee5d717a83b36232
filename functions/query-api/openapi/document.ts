import { componentSchemas, securitySchemes } from './components';
import { paths } from './operations';

type Json = Record<string, unknown>;

let cached: Json | undefined;

/**
 * The OpenAPI 3.1 document of the whole HTTP API, generated from the zod schemas that
 * validate requests (bodies and query parameters) and describe answers; every `$ref`
 * points into `components`, so standard tools (Redocly, swagger-parser, Schemathesis)
 * load it as it is.
 *
 * @example
 * const document = openApiDocument(); // served at GET /v1/openapi.json
 */
export const openApiDocument = (): Json => {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'NPS backend',
      version: '1.0.0',
      description: 'Ingest survey responses; query NPS per segment with confidence intervals. Errors are RFC 9457 problem documents.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
      { url: 'http://127.0.0.1:3000', description: 'the local stack (`npm start`)' },
      {
        url: 'https://{apiId}.execute-api.{region}.amazonaws.com',
        description: 'deployed (the stack output ApiUrl)',
        variables: { apiId: { default: 'abcdef1234' }, region: { default: 'eu-west-1' } },
      },
    ],
    security: [{ sigv4: [] }, { bearer: [] }, {}],
    paths: paths(),
    components: {
      schemas: { ...componentSchemas(), OpenApi: { type: 'object', description: 'an OpenAPI 3.1 document' } },
      securitySchemes,
    },
  };
  return cached;
};
