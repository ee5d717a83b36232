import { describe, expect, it } from 'vitest';
import {
  comparable,
  expectEachOnce,
  expectedPage,
  expectWalksMatch,
  FILTER_TABLE,
  walkPages,
} from '../support/response-list-reference';
import {
  type AnalysisOf,
  amendAndEraseSent,
  analysesOf,
  type Sent,
  seedResponseList,
  submitSent,
} from '../support/response-list-seed';
import { useTestStack } from '../support/stack';

const { stack, http } = useTestStack();

/** 3,200 responses: every filter combination walked at limits 1,000, 7 and (when it lists up to 300) 1. */
describe('GET /v1/responses over 3,200 responses and 18 months', () => {
  const sent: Sent[] = seedResponseList(3_200, 27);
  let analyses: AnalysisOf;

  it('lists exactly what the reference computes for every filter combination, in order, each once', async () => {
    await submitSent(http, sent);
    await amendAndEraseSent(http, sent, { amend: 0.1, erase: 0.04, seed: 3 });
    await stack().settled();
    analyses = await analysesOf(http, sent);
    const comments = sent.filter((r) => !r.erased && r.comment !== undefined);
    const french = comments.filter((r) => analyses.get(r.responseId)?.language === 'fr').length;
    console.log(`response list: ${sent.length} sent, ${comments.length} live comments (${french} in French)`);
    expect(french).toBeGreaterThan(comments.length / 4);
    expect(comments.length - french).toBeGreaterThan(comments.length / 4);

    const listed: number[] = [];
    let pages = 0;
    for (const query of FILTER_TABLE) {
      const expected = expectedPage(sent, analyses, query);
      listed.push(expected.length);
      pages += await expectWalksMatch(http, expected, query, expected.length <= 300 ? [1000, 7, 1] : [1000, 7]);
    }
    console.log(`response list: ${FILTER_TABLE.length} queries listed ${listed.join('/')} in ${pages} pages`);
    expect(listed[0]).toBeGreaterThan(3_000);
  }, 1_200_000);

  it('walks a range while responses keep arriving in it: every earlier one once, in order', async () => {
    const query = 'from=2025-05-01&to=2026-12-31';
    const expected = expectedPage(sent, analyses, query);
    const late = seedResponseList(400, 91).map((r) => ({
      ...r,
      responseId: `late-${r.responseId}`,
      segments: { ...r.segments, region: 'late' },
    }));
    let walking = true;
    const ingest = (async () => {
      for (let i = 0; walking && i < late.length; i += 20) await submitSent(http, late.slice(i, i + 20));
    })();
    const walked = await walkPages(http, `${query}&limit=7`);
    walking = false;
    await ingest;
    expectEachOnce(walked.items, query);
    const sorted = walked.items.map((item) => `${item.submittedAt}#${item.responseId}`);
    expect(sorted).toEqual([...sorted].sort());
    const arrived = walked.items.filter((item) => item.responseId.startsWith('late-')).length;
    const earlier = walked.items.filter((item) => !item.responseId.startsWith('late-'));
    expect(earlier.map(comparable)).toEqual(expected);
    console.log(`response list during ingest: ${walked.pages} pages, ${arrived} of the arriving responses seen`);
  }, 600_000);
});
