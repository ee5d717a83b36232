import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EVENT_SCHEMAS_FILE, eventDetailSchemas } from '../../scripts/event-schemas';

describe('docs/events.schema.json', () => {
  it('is what the publisher validates with (regenerate with npm run docs:events)', () => {
    expect(JSON.parse(readFileSync(EVENT_SCHEMAS_FILE, 'utf8'))).toEqual(
      JSON.parse(JSON.stringify(eventDetailSchemas())),
    );
    expect(
      eventDetailSchemas()
        .oneOf.map((one) => one.$ref.replace('#/$defs/', ''))
        .sort(),
    ).toEqual([
      'DetractorResponseReceived',
      'DetractorShareRecovered',
      'DetractorShareSpiked',
      'FollowUpRecorded',
      'NpsAggregateUpdated',
      'PromoterResponseReceived',
      'RespondentAtRisk',
    ]);
  });
});
