/** How long the local bus must stay silent for the backend to count as done with a backlog. */
const QUIET_MS = 30_000;
/** How long a backlog may take to drain before the stage gives up. */
const DRAIN_FOR_MS = 60 * 60_000;

type EventsPage = { events: { id: string }[]; next?: string };

/** The id of the newest event published after `after` (or `after` when none), paging `GET /local/events`. */
const newestAfter = async (url: string, after: string | undefined): Promise<string | undefined> => {
  let newest = after;
  for (let more = true; more; ) {
    const answer = await fetch(
      `${url}/local/events?limit=10000${newest ? `&after=${encodeURIComponent(newest)}` : ''}`,
    );
    if (answer.status === 404) return newestAfter(url, undefined); // dropped from the bounded log: page from its start
    if (!answer.ok) throw new Error(`GET /local/events answered ${answer.status}`);
    const page = (await answer.json()) as EventsPage;
    newest = page.events.at(-1)?.id ?? newest;
    more = Boolean(page.next);
  }
  return newest;
};

/**
 * Waits until the backend has published everything an import left it (no event on its bus
 * for 30 s while nothing is sent), and answers how long that took. Storing 200,000 backdated
 * responses leaves the publisher minutes of close-the-loop events after the projection has
 * counted them all; a rebuild started meanwhile would be measured beside a batch of 100
 * outbox records in flight (tens of MB) at one size and not at the other.
 *
 * @example
 * const seconds = await publisherDrained('http://127.0.0.1:3000');
 */
export const publisherDrained = async (url: string): Promise<number> => {
  const started = Date.now();
  let newest = await newestAfter(url, undefined);
  for (let quietSince = Date.now(); Date.now() - quietSince < QUIET_MS; ) {
    if (Date.now() - started > DRAIN_FOR_MS) throw new Error('the publisher was still publishing after 60 minutes');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const latest = await newestAfter(url, newest);
    if (latest !== newest) [newest, quietSince] = [latest, Date.now()];
  }
  return (Date.now() - started) / 1000;
};
