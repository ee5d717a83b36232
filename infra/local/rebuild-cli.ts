import { requestRebuild } from './rebuild-client';

/**
 * `npm run rebuild`: asks the running local stack (http://127.0.0.1:${PORT:-3000}) to
 * replay the event store into a fresh projection and switch readers to it (with
 * NPS_API_TOKEN when the stack requires it).
 */
const baseUrl = `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

const main = async () => {
  console.log(`rebuilding the projections of ${baseUrl} …`);
  const body = await requestRebuild(baseUrl, process.env.NPS_API_TOKEN || undefined);
  console.log(
    `rebuilt generation ${body.generation} (was ${body.previousGeneration}): ${body.events} events of ` +
      `${body.responses} responses, ` +
      `${body.segments} workers, ${body.pages} pages, ${body.reanalysed} comments re-analysed, ` +
      `${body.journalEntries} journal entries applied, ${body.deletedItems} old items deleted`,
  );
};

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
