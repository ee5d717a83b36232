/**
 * Runs `work` for each item with at most `limit` running at once; results in input order.
 *
 * @example
 * const streams = await mapLimited(responseIds, 16, (id) => store.readEvents(id));
 */
export const mapLimited = async <T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> => {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const index = next++;
        results[index] = await work(items[index]!);
      }
    }),
  );
  return results;
};
