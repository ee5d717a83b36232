import { INBOUND_DETAIL_TYPE } from '../../functions/ingest-events/app';
import type { BusRule } from './event-bus';

/**
 * The rule the deployed stack has for inbound responses: `NpsResponseSubmitted` events go
 * to the ingest-events function.
 *
 * @example
 * bus.addRule(inboundRule((event) => ingestEvents(event, context)));
 */
export const inboundRule = (target: BusRule['target']): BusRule => ({
  name: 'inbound-responses',
  matches: (event) => event.detailType === INBOUND_DETAIL_TYPE,
  target,
});

/**
 * A local-only rule: every event the backend publishes (its `source`) is POSTed as JSON,
 * shaped as EventBridge delivers it, to a URL (NPS_LOCAL_WEBHOOK).
 *
 * @example
 * bus.addRule(webhookRule({ url: 'http://127.0.0.1:9000/hook', source: 'nps.backend' }));
 */
export const webhookRule = ({ url, source }: { url: string; source: string }): BusRule => ({
  name: 'local-webhook',
  matches: (event) => event.source === source,
  target: async (event) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status}`);
  },
});
