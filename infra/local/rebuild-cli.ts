import type { RebuildResult } from '../../functions/rebuild/rebuild';

/**
 * `npm run rebuild`: asks the running local stack (http://127.0.0.1:${PORT:-3000}) to
 * replay the event store into a fresh projection and switch readers to it.
 */
const port = process.env.PORT ?? '3000';
const url = `http://127.0.0.1:${port}/local/rebuild`;

const main = async () => {
  console.log(`rebuilding the projections of ${url.replace('/local/rebuild', '')} …`);
  let response: Response;
  try {
    response = await fetch(url, { method: 'POST' });
  } catch {
    throw new Error(`no local stack answers on port ${port}; start it with npm start (or set PORT)`);
  }
  const body = (await response.json()) as RebuildResult;
  if (!response.ok) throw new Error(`rebuild failed (${response.status}): ${JSON.stringify(body)}`);
  console.log(
    `rebuilt generation ${body.generation} (was ${body.previousGeneration}): ${body.events} events of ${body.responses} responses, ` +
      `${body.segments} workers, ${body.pages} pages, ${body.reanalysed} comments re-analysed, ` +
      `${body.journalEntries} journal entries applied, ${body.deletedItems} old items deleted`,
  );
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
