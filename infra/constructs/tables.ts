import type { RemovalPolicy } from 'aws-cdk-lib';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
} from 'aws-cdk-lib/aws-dynamodb';
import { Grant, type IGrantable } from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import {
  EVENTS_TABLE,
  OUTBOX_TABLE,
  PERSONAL_DATA_TABLE,
  PROJECTIONS_TABLE,
  TABLE_NAME_ENV,
  type TableDefinition,
  type TableNames,
} from '../tables';

const attribute = (key: { name: string; type: 'S' | 'N' }) => ({
  name: key.name,
  type: key.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
});

const tableFrom = (scope: Construct, definition: TableDefinition, removalPolicy: RemovalPolicy): Table => {
  const table = new Table(scope, definition.id, {
    partitionKey: attribute(definition.partitionKey),
    ...(definition.sortKey ? { sortKey: attribute(definition.sortKey) } : {}),
    ...(definition.stream ? { stream: StreamViewType[definition.stream] } : {}),
    ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
    billingMode: BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    encryption: TableEncryption.AWS_MANAGED,
    deletionProtection: removalPolicy === 'retain',
    removalPolicy,
  });
  for (const index of definition.indexes ?? []) {
    table.addGlobalSecondaryIndex({
      indexName: index.name,
      partitionKey: attribute(index.partitionKey),
      ...(index.sortKey ? { sortKey: attribute(index.sortKey) } : {}),
      projectionType: ProjectionType[index.projection],
    });
  }
  return table;
};

/**
 * The backend's tables, from the same definitions the local stack creates: on-demand,
 * point-in-time recovery, KMS encryption, retained (and protected) unless configured
 * otherwise.
 */
export class NpsTables extends Construct {
  readonly events: Table;
  readonly personalData: Table;
  readonly projections: Table;
  readonly outbox: Table;

  constructor(scope: Construct, id: string, { removalPolicy }: { removalPolicy: RemovalPolicy }) {
    super(scope, id);
    this.events = tableFrom(this, EVENTS_TABLE, removalPolicy);
    this.personalData = tableFrom(this, PERSONAL_DATA_TABLE, removalPolicy);
    this.projections = tableFrom(this, PROJECTIONS_TABLE, removalPolicy);
    this.outbox = tableFrom(this, OUTBOX_TABLE, removalPolicy);
  }

  /**
   * Grants actions on a table, and on one of its indexes when named. Unlike `Table.grant`,
   * which adds `<table>/index/*` to every grant once a table has an index, a function gets
   * an index only when it queries it.
   */
  grantOn(table: Table, grantee: IGrantable, actions: string[], index?: string): Grant {
    return Grant.addToPrincipal({
      grantee,
      actions,
      resourceArns: [table.tableArn, ...(index ? [`${table.tableArn}/index/${index}`] : [])],
    });
  }

  /** The environment variables naming the tables, as the functions read them. */
  get environment(): Record<string, string> {
    const names: TableNames = {
      events: this.events.tableName,
      personalData: this.personalData.tableName,
      projections: this.projections.tableName,
      outbox: this.outbox.tableName,
    };
    return Object.fromEntries(
      Object.entries(TABLE_NAME_ENV).map(([role, variable]) => [variable, names[role as keyof TableNames]]),
    );
  }
}
