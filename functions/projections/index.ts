import { registerProjections } from '../projection-engine/projection';
import { catalogue } from './catalogue';
import { counters } from './counters';
import { loop } from './loop';
import { outbox } from './outbox';
import { respondents } from './respondents';
import { responses } from './responses';
import { terms } from './terms';

/**
 * Every read model the projector and the rebuild fold events into. Adding one is a module
 * beside these and a line here (docs/architecture.md, "Adding a projection"). The outbox comes
 * last: it publishes the segments whose counters the same chunk changed.
 */
export const PROJECTIONS = registerProjections([counters, catalogue, terms, respondents, responses, loop, outbox]);
