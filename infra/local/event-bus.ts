import { randomUUID } from 'node:crypto';
import type { DeadLetter, DeadLetterSink } from '../../functions/shared/dead-letters';
import { sleep } from '../../functions/shared/retry';
import { createBoundedLog } from './bounded-log';
import { recentErasures, responseIdOf, withoutPersonalData } from './personal-data-redaction';

/** An event as the local bus keeps it (and `GET /local/events` shows it). */
export interface BusEvent {
  id: string;
  source: string;
  detailType: string;
  time: string;
  detail: unknown;
}

/** The shape EventBridge delivers to a Lambda target. */
export const toEventBridgeEvent = (event: BusEvent) => ({
  version: '0',
  id: event.id,
  'detail-type': event.detailType,
  source: event.source,
  account: '000000000000',
  time: event.time,
  region: 'local',
  resources: [],
  detail: event.detail,
});

/** A routing rule: which events go to which target (a Lambda handler, a webhook…). */
export interface BusRule {
  name: string;
  matches(event: BusEvent): boolean;
  target(event: ReturnType<typeof toEventBridgeEvent>): Promise<unknown>;
}

export interface LocalEventBusOptions {
  /** Called once per event put on the bus, in order (the local stack logs them). */
  onEvent?: (event: BusEvent) => void;
  /** Delays between Lambda-style retries of a failing target (async invocation: 2 retries). */
  retryDelaysMs?: number[];
  /** Events (and dead letters) kept, the latest ones (default 10,000). */
  keep?: number;
  now?: () => number;
}

/** Events the local log keeps by default (NPS_LOCAL_EVENTS_KEEP). */
export const DEFAULT_EVENTS_KEEP = 10_000;

/**
 * An in-process stand-in for EventBridge: keeps the latest events in publishing order,
 * routes each to the targets of matching rules asynchronously, retries failing targets
 * like an asynchronous Lambda invocation, and keeps the dead letters of the inbound path.
 * Its memory stays flat: the logs keep the latest `keep` entries, deliveries in flight
 * are forgotten once they end.
 */
export const createLocalEventBus = ({
  onEvent,
  retryDelaysMs = [1_000, 2_000],
  keep = DEFAULT_EVENTS_KEEP,
  now = Date.now,
}: LocalEventBusOptions = {}) => {
  const events = createBoundedLog<BusEvent>(keep);
  const rules: BusRule[] = [];
  const deadLetters = createBoundedLog<DeadLetter>(keep);
  let deadLetterCount = 0;
  const keepDeadLetter = (letter: DeadLetter) => deadLetters.push(String(deadLetterCount++), letter);
  const pending = new Set<Promise<void>>();
  const erased = recentErasures({ keep, now });

  /**
   * Strips the personal data of the retained events and dead letters about these responses, and of those put soon
   * after.
   */
  const forgetPersonalData = (responseIds: string[]) => {
    if (!responseIds.length) return;
    erased.add(responseIds);
    const about = (detail: unknown) => erased.has(responseIdOf(detail));
    events.rewrite((event) => (about(event.detail) ? { ...event, detail: withoutPersonalData(event.detail) } : event));
    deadLetters.rewrite((letter) => {
      const event = letter.event as { detail?: unknown };
      return about(event.detail)
        ? { ...letter, event: { ...event, detail: withoutPersonalData(event.detail) } }
        : letter;
    });
  };

  /** Delivers to one target; answers the error when it failed. */
  const attempt = async (
    rule: BusRule,
    delivered: ReturnType<typeof toEventBridgeEvent>,
  ): Promise<Error | undefined> => {
    try {
      await rule.target(delivered);
      return undefined;
    } catch (error) {
      return error as Error;
    }
  };

  const deliver = async (rule: BusRule, event: BusEvent): Promise<void> => {
    const delivered = toEventBridgeEvent(event);
    for (const delay of [...retryDelaysMs, undefined]) {
      const error = await attempt(rule, delivered);
      if (!error) return;
      if (delay === undefined) {
        const failedAt = new Date(now()).toISOString();
        keepDeadLetter({
          reason: 'undeliverable',
          detail: `rule ${rule.name}: ${error.message}`,
          event: delivered,
          failedAt,
        });
        return;
      }
      await sleep(delay);
    }
  };

  const put = (entries: { source: string; detailType: string; detail: unknown }[]): BusEvent[] =>
    entries.map((entry) => {
      const detail = erased.has(responseIdOf(entry.detail)) ? withoutPersonalData(entry.detail) : entry.detail;
      const event: BusEvent = {
        id: randomUUID(),
        ...entry,
        detail,
        time: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      };
      events.push(event.id, event);
      onEvent?.(event);
      for (const rule of rules.filter((r) => r.matches(event))) {
        const delivery = deliver(rule, event).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
      return event;
    });

  const deadLetterSink: DeadLetterSink = { send: async (letter) => keepDeadLetter(letter) };

  return {
    put,
    addRule: (rule: BusRule) => void rules.push(rule),
    /** The retained events, optionally of one detail-type (tests and benches). */
    events: (detailType?: string) => events.all().filter((event) => !detailType || event.detailType === detailType),
    /**
     * A page of the retained events after an event id (`GET /local/events`); undefined when that id is not retained.
     */
    eventsPage: ({ detailType, after, limit }: { detailType?: string; after?: string; limit: number }) =>
      events.page({ after, limit, filter: (event) => !detailType || event.detailType === detailType }),
    deadLetters: () => deadLetters.all(),
    forgetPersonalData,
    deadLetterSink,
    /** Resolves when every delivery started so far has ended. */
    settled: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
};

export type LocalEventBus = ReturnType<typeof createLocalEventBus>;
