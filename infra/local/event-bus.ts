import { randomUUID } from 'node:crypto';
import type { DeadLetter, DeadLetterSink } from '../../functions/shared/dead-letters';
import { sleep } from '../../functions/shared/retry';

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
  now?: () => number;
}

/**
 * An in-process stand-in for EventBridge: keeps every event in publishing order, routes
 * each to the targets of matching rules asynchronously, retries failing targets like an
 * asynchronous Lambda invocation, and keeps the dead letters of the inbound path.
 */
export const createLocalEventBus = ({ onEvent, retryDelaysMs = [1_000, 2_000], now = Date.now }: LocalEventBusOptions = {}) => {
  const events: BusEvent[] = [];
  const rules: BusRule[] = [];
  const deadLetters: DeadLetter[] = [];
  const pending = new Set<Promise<void>>();

  /** Delivers to one target; answers the error when it failed. */
  const attempt = async (rule: BusRule, delivered: ReturnType<typeof toEventBridgeEvent>): Promise<Error | undefined> => {
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
        deadLetters.push({ reason: 'undeliverable', detail: `rule ${rule.name}: ${error.message}`, event: delivered, failedAt });
        return;
      }
      await sleep(delay);
    }
  };

  const put = (entries: { source: string; detailType: string; detail: unknown }[]): BusEvent[] =>
    entries.map((entry) => {
      const event: BusEvent = { id: randomUUID(), ...entry, time: new Date(now()).toISOString().replace(/\.\d{3}Z$/, 'Z') };
      events.push(event);
      onEvent?.(event);
      for (const rule of rules.filter((r) => r.matches(event))) {
        const delivery = deliver(rule, event).finally(() => pending.delete(delivery));
        pending.add(delivery);
      }
      return event;
    });

  const deadLetterSink: DeadLetterSink = { send: async (letter) => void deadLetters.push(letter) };

  return {
    put,
    addRule: (rule: BusRule) => void rules.push(rule),
    events: (detailType?: string) => (detailType ? events.filter((event) => event.detailType === detailType) : [...events]),
    deadLetters: () => [...deadLetters],
    deadLetterSink,
    /** Resolves when every delivery started so far has ended. */
    settled: async () => {
      while (pending.size) await Promise.allSettled([...pending]);
    },
  };
};

export type LocalEventBus = ReturnType<typeof createLocalEventBus>;
