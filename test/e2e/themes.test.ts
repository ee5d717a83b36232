import { describe, expect, it } from 'vitest';
import { discoverTerms } from '../../domain/term-report';
import { commentWriter, THEME_IDS } from '../support/comments';
import { scanAll } from '../support/items';
import { seededRandom } from '../support/random';
import { mapLimited, useTestStack } from '../support/stack';
import { submitAll } from '../support/submit';
import { type CommentNow, referenceTermCounts, storedTermCounts, termNumbers } from '../support/term-reference';
import { close, expectThemes, type ReferenceResponse, referenceTheme } from '../support/theme-reference';
import { PLANTED, type Seeded, seed } from '../support/theme-seed';

const { stack, http } = useTestStack();

const submitSeeded = (responses: Seeded[]) =>
  submitAll(
    http,
    responses.map((r) => ({
      responseId: r.id,
      score: r.score,
      submittedAt: r.submittedAt,
      segments: { region: r.region },
      ...(r.comment ? { comment: r.comment } : {}),
      ...(r.language ? { language: r.language } : {}),
    })),
  );

/** Erases 5% and amends 10% (a new comment, detected rather than declared, and a new score). */
const amendAndErase = async (responses: Seeded[]) => {
  const random = seededRandom(7);
  const write = commentWriter(random);
  await mapLimited(responses, 8, async (r) => {
    const roll = random();
    if (roll < 0.05) {
      expect((await http.delete(`/v1/responses/${r.id}`)).status).toBe(202);
      r.erased = true;
      return;
    }
    if (roll >= 0.15) return;
    const comment = write({ language: random() < 0.5 ? 'fr' : 'en', score: r.score });
    r.score = Math.floor(random() * 11);
    expect((await http.patch(`/v1/responses/${r.id}`, { score: r.score, comment })).status).toBe(202);
    if (comment !== r.comment) delete r.language;
    r.comment = comment;
  });
};

const analyses = async (texts: { text: string; language?: string }[]) => {
  const results: { language: CommentNow['language']; themes: { theme: string; sentiment: string }[] }[] = [];
  for (let i = 0; i < texts.length; i += 100) {
    const answer = await http.post('/v1/analyze', { comments: texts.slice(i, i + 100) });
    expect(answer.status).toBe(200);
    results.push(...answer.body.results);
  }
  return results;
};

/** The reference inputs of the responses that count in a range and segment. */
const referenceOf = async (responses: Seeded[]) => {
  const commented = responses.filter((r) => r.comment !== undefined);
  const analysed = await analyses(
    commented.map((r) => ({ text: r.comment!, ...(r.language ? { language: r.language } : {}) })),
  );
  const themesOf = new Map(
    commented.map((r, i) => [r.id, Object.fromEntries(analysed[i]!.themes.map((t) => [t.theme, t.sentiment]))]),
  );
  return (filter: (r: Seeded) => boolean): ReferenceResponse[] =>
    responses
      .filter(filter)
      .map((r) => ({ score: r.score, ...(themesOf.has(r.id) ? { themes: themesOf.get(r.id)! } : {}) }));
};

describe('comment themes', () => {
  const responses = seed();

  it('counts every theme as a reference recomputed from each response’s own analysis, through amendments and ' +
    'erasures', async () => {
    await submitSeeded(responses);
    await amendAndErase(responses);
    await stack().settled();

    const reference = await referenceOf(responses.filter((r) => !r.erased));
    const whole = await http.get('/v1/themes?from=2026-09-01&to=2026-11-30');
    expect(whole.status).toBe(200);
    expectThemes(
      whole.body,
      reference(() => true),
    );

    const part = await http.get('/v1/themes?segment=region:eu&from=2026-10-05&to=2026-11-17');
    const inPart = (r: Seeded) => r.region === 'eu' && r.submittedAt >= '2026-10-05' && r.submittedAt < '2026-11-18';
    expectThemes(part.body, reference(inPart));
  }, 180_000); // seeds, amends and erases over HTTP: ~40 s alone, twice that on a loaded CI machine

  it('answers the theme time series bucket by bucket, and CSV with one row per theme', async () => {
    const reference = await referenceOf(responses.filter((r) => !r.erased));
    const series = await http.get('/v1/themes/timeseries?theme=price&granularity=month&from=2026-09-01&to=2026-11-30');
    expect(series.status).toBe(200);
    expect(series.body.points).toHaveLength(3);
    for (const point of series.body.points) {
      const expected = referenceTheme(
        reference((r) => r.submittedAt.slice(0, 7) === point.from.slice(0, 7)),
        'price',
      );
      expect(point.mentions).toBe(expected.mentions);
      expect(point.commented).toBe(expected.commented);
      expect(point.sentiment).toEqual(expected.sentiment);
      close(point.npsAmongMentions, expected.npsAmongMentions);
      close(point.shareOfComments, expected.shareOfComments);
    }
    const csv = await http.get('/v1/themes?from=2026-09-01&to=2026-11-30&format=csv');
    expect(csv.text.trim().split('\r\n')).toHaveLength(1 + THEME_IDS.length);
    expect((await http.get('/v1/themes/timeseries?theme=nope')).status).toBe(400);
  });

  it('reads a bounded number of items for a year, and shows each response’s analysis', async () => {
    const year = await http.get('/v1/themes?from=2025-12-01&to=2026-11-30');
    expect(Number(year.headers.get('x-nps-items-read'))).toBeLessThanOrEqual(100);
    const commented = responses.find((r) => r.comment && !r.erased)!;
    const view = await http.get(`/v1/responses/${commented.id}`);
    expect(view.body.analysis.analyzer).toMatch(/^nps-analyzer\//);
  });

  it('discovers the planted words first, from term counts equal to the current comments’ own terms', async () => {
    const current = responses.filter((r) => !r.erased && r.comment !== undefined);
    const analysed = await analyses(
      current.map((r) => ({ text: r.comment!, ...(r.language ? { language: r.language } : {}) })),
    );
    const reference = referenceTermCounts(
      current.map((r, i) => ({ text: r.comment!, language: analysed[i]!.language, score: r.score })),
    );
    const answer = await http.get('/v1/themes/discover?from=2026-09-01&to=2026-11-30&limit=50');
    expect(answer.status).toBe(200);
    expect([answer.body.from, answer.body.to]).toEqual(['2026-09-01', '2026-11-30']);
    for (const language of ['en', 'fr'] as const) {
      expect(answer.body.detractorTerms.find((t: { language: string }) => t.language === language).term).toBe(
        PLANTED[language],
      );
    }
    const expected = discoverTerms([...reference.values()], 50);
    expect(termNumbers(answer.body.detractorTerms)).toEqual(termNumbers(expected.detractorTerms));
    expect(termNumbers(answer.body.promoterTerms)).toEqual(termNumbers(expected.promoterTerms));
    // the stored items hold exactly the terms of the current comments: an erased or replaced comment's words are gone
    const stored = storedTermCounts(await scanAll(stack().dynamoDbEndpoint, stack().tables.projections), 'all');
    const counts = (map: Map<string, { count: number; detractorCount: number; promoterCount: number }>) =>
      [...map].map(([key, t]) => `${key} ${t.count} ${t.detractorCount} ${t.promoterCount}`).sort();
    expect(counts(stored)).toEqual(counts(reference));
    const year = await http.get('/v1/themes/discover?from=2025-12-01&to=2026-11-30&format=csv');
    expect(Number(year.headers.get('x-nps-items-read'))).toBeLessThanOrEqual(100);
    expect(year.text.split('\r\n')[0]).toBe(
      'segment,from,to,side,rank,term,language,count,detractorCount,promoterCount,z',
    );
  });

  it('leaves no per-response analysis of an erased response in any table', async () => {
    const erased = new Set(responses.filter((r) => r.erased).map((r) => r.id));
    expect(erased.size).toBeGreaterThan(20);
    const { tables, dynamoDbEndpoint } = stack();
    for (const table of Object.values(tables)) {
      const items = await scanAll(dynamoDbEndpoint, table);
      const traces = items.filter(
        (item) => JSON.stringify(item).match(/"(analysis|summary)_v\d+"/) && erased.has(String(item.responseId)),
      );
      expect(traces, table).toEqual([]);
    }
    const personal = await scanAll(dynamoDbEndpoint, tables.personalData);
    expect(personal.filter((item) => erased.has(String(item.responseId)))).toEqual([]);
  });
});
