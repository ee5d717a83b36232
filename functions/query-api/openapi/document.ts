import { componentSchemas, securitySchemes } from './components';
import { paths } from './operations';

type Json = Record<string, unknown>;

let cached: Json | undefined;

/** Where a document not served by a running stack says the API is: the local stack on its default port. */
export const DEFAULT_LOCAL_SERVER = 'http://127.0.0.1:3000';

/**
 * The OpenAPI 3.1 document of the whole HTTP API, generated from the zod schemas that
 * validate requests (bodies and query parameters) and describe answers; every `$ref`
 * points into `components`, so standard tools (Redocly, swagger-parser, Schemathesis)
 * load it as it is. Its first server is `server`, where it was served from (the local
 * stack on its `PORT`, or the deployed API), so that a tool pointed at the document calls
 * the API that served it.
 *
 * @example
 * const document = openApiDocument('http://127.0.0.1:4000'); // served at GET /v1/openapi.json
 */
export const openApiDocument = (server = DEFAULT_LOCAL_SERVER): Json => {
  const document = baseDocument();
  const first = { url: server, description: 'the API that served this document (locally: `npm start`, on `PORT`)' };
  return { ...document, servers: [first, ...(document.servers as Json[])] };
};

const baseDocument = (): Json => {
  cached ??= {
    openapi: '3.1.0',
    info: {
      title: 'NPS backend',
      version: '1.0.0',
      description:
        'Ingest survey responses; query NPS per segment with confidence intervals. Errors are RFC 9457 problem ' +
        'documents.',
      license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
    },
    servers: [
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
