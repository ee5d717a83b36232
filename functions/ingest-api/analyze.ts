import type { Analyzer } from '../../domain/analysis/analyze';
import { fieldErrorsOf } from '../../domain/validation';
import { analyzeRequestSchema } from '../shared/analysis-schemas';
import { json, readJsonBody, validationProblem } from '../shared/http';
import { NO_QUERY, type Route, route } from '../shared/http-handler';

export const ANALYZE_BODY_LIMIT = 1024 * 1024;

/**
 * `POST /v1/analyze`: the analysis of each comment, in order, by the analyzer ingest uses.
 * Stateless: stores nothing, publishes nothing, touches no table.
 */
export const analyzeRoute = (analyzer: Analyzer): Route =>
  route(NO_QUERY, async (event) => {
    const body = analyzeRequestSchema.safeParse(readJsonBody(event, ANALYZE_BODY_LIMIT));
    if (!body.success) throw validationProblem(fieldErrorsOf(body.error));
    return json(200, { results: body.data.comments.map(({ text, language }) => analyzer(text, language)) });
  });
