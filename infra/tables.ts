/**
 * The tables of the backend, defined once: the CDK stack, the local stack and the
 * adapters all read their key schemas and stream settings from here. Plain data, no CDK.
 */
export type AttributeType = 'S' | 'N';
export type StreamView = 'NEW_IMAGE' | 'NEW_AND_OLD_IMAGES';

export interface TableDefinition {
  /** Logical id in the CDK stack and suffix of the local table name. */
  id: string;
  /** Which of the backend's tables this is (key of `TableNames`). */
  role: 'events' | 'personalData' | 'projections' | 'outbox';
  partitionKey: { name: string; type: AttributeType };
  sortKey?: { name: string; type: AttributeType };
  stream?: StreamView;
  timeToLiveAttribute?: string;
  /** Global secondary indexes (sparse: only items with the key attributes are in them). */
  indexes?: readonly IndexDefinition[];
}

export interface IndexDefinition {
  name: string;
  partitionKey: { name: string; type: AttributeType };
  sortKey?: { name: string; type: AttributeType };
  /** `KEYS_ONLY`: the index answers which items, not what they hold. */
  projection: 'ALL' | 'KEYS_ONLY';
}

/** Append-only event store: one stream per response (`streamId` = responseId, `version` 1, 2, …). */
export const EVENTS_TABLE = {
  id: 'Events',
  role: 'events',
  partitionKey: { name: 'streamId', type: 'S' },
  sortKey: { name: 'version', type: 'N' },
  stream: 'NEW_IMAGE',
} as const satisfies TableDefinition;

/**
 * Erasable personal data (comment and its analysis per version, respondentId), one item
 * per response. No stream: nothing copies it. An erasure leaves analysis summaries only
 * until the projections have taken the response out; they expire after two days anyway.
 */
export const PERSONAL_DATA_TABLE = {
  id: 'PersonalData',
  role: 'personalData',
  partitionKey: { name: 'responseId', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  /**
   * The responses of a respondent, for erasing a person (`DELETE /v1/respondents/{id}`): gone with the respondentId.
   */
  indexes: [{ name: 'byRespondent', partitionKey: { name: 'respondentId', type: 'S' }, projection: 'KEYS_ONLY' }],
} as const satisfies TableDefinition;

/** Read models: counters per segment and bucket, projector markers, catalogue of segments. */
export const PROJECTIONS_TABLE = {
  id: 'Projections',
  role: 'projections',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  timeToLiveAttribute: 'expiresAt',
  /**
   * Respondent views by when they changed (`updatedAt#key`), one partition per generation: the paged list of
   * respondents.
   */
  indexes: [
    {
      name: 'respondentsByUpdate',
      partitionKey: { name: 'lpk', type: 'S' },
      sortKey: { name: 'lsk', type: 'S' },
      projection: 'ALL',
    },
  ],
} as const satisfies TableDefinition;

/**
 * Transactional outbox: what to publish, written by the projector in the same transaction
 * as the counters it reports (and by alert evaluation with the episode state); its stream
 * drives the publisher. Entries hold no personal data and expire after a week.
 */
export const OUTBOX_TABLE = {
  id: 'Outbox',
  role: 'outbox',
  partitionKey: { name: 'id', type: 'S' },
  stream: 'NEW_IMAGE',
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

export const TABLE_DEFINITIONS: readonly TableDefinition[] = [
  EVENTS_TABLE,
  PERSONAL_DATA_TABLE,
  PROJECTIONS_TABLE,
  OUTBOX_TABLE,
];

/** Table names a function needs, as the deployed stack passes them in the environment. */
export type TableNames = Record<TableDefinition['role'], string>;

/** Environment variable of each table name. */
export const TABLE_NAME_ENV: Record<keyof TableNames, string> = {
  events: 'EVENTS_TABLE',
  personalData: 'PERSONAL_DATA_TABLE',
  projections: 'PROJECTIONS_TABLE',
  outbox: 'OUTBOX_TABLE',
};

/** Table names of the local stack: `<prefix><id>`. */
export const localTableNames = (prefix: string): TableNames => ({
  events: `${prefix}${EVENTS_TABLE.id}`,
  personalData: `${prefix}${PERSONAL_DATA_TABLE.id}`,
  projections: `${prefix}${PROJECTIONS_TABLE.id}`,
  outbox: `${prefix}${OUTBOX_TABLE.id}`,
});
