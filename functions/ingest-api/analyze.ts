import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { Analyzer } from '../../domain/analysis/analyze';
import { fieldErrorsOf } from '../../domain/validation';
import { analyzeRequestSchema } from '../shared/analysis-schemas';
import { json, readJsonBody, validationProblem } from '../shared/http';
import { NO_QUERY, type Route, route } from '../shared/http-handler';

export const ANALYZE_BODY_LIMIT = 1024 * 1024;

/**
 * Each comment analysed in turn, giving the event loop back between two: a request of 100
 * comments of 5,000 characters holds it for one comment's analysis at a time (about 20 ms
 * here), not for the whole request, so that other requests are answered meanwhile.
 */
const analyzeEach = async (analyzer: Analyzer, comments: { text: string; language?: 'fr' | 'en' }[]) => {
  const results: ReturnType<Analyzer>[] = [];
  for (const { text, language } of comments) {
    results.push(analyzer(text, language));
    await yieldToEventLoop();
  }
  return results;
};

/**
 * `POST /v1/analyze`: the analysis of each comment, in order, by the analyzer ingest uses.
 * Stateless: stores nothing, publishes nothing, touches no table.
 */
export const analyzeRoute = (analyzer: Analyzer): Route =>
  route(NO_QUERY, async (event) => {
    const body = analyzeRequestSchema.safeParse(readJsonBody(event, ANALYZE_BODY_LIMIT));
    if (!body.success) throw validationProblem(fieldErrorsOf(body.error));
    return json(200, { results: await analyzeEach(analyzer, body.data.comments) });
  });
