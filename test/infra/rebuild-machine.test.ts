import { describe, expect, it } from 'vitest';
import { resourcesOf, synthStack } from '../support/synth';

/** The state machine's definition as JSON (CloudFormation references replaced by their logical ids). */
const definitionOf = (context: Record<string, unknown> = {}) => {
  const machines = resourcesOf(synthStack(context).template)('AWS::StepFunctions::StateMachine');
  expect(machines).toHaveLength(1);
  const machine = machines[0]![1];
  const parts = machine.Properties.DefinitionString['Fn::Join'][1] as unknown[];
  const text = parts
    .map((part) => (typeof part === 'string' ? part : `<${JSON.stringify(part).match(/"([A-Za-z0-9]+)"/)?.[1]}>`))
    .join('');
  return { machine, definition: JSON.parse(text) };
};

describe('rebuild state machine', () => {
  const { machine, definition } = definitionOf();

  it('starts, runs one worker per segment in a Map (16 at once), each until its segment is done, then finishes', () => {
    expect(definition.StartAt).toBe('Start');
    expect(definition.States.Start.Next).toBe('Workers');
    const map = definition.States.Workers;
    expect(map).toMatchObject({ Type: 'Map', ItemsPath: '$.rebuild.tasks', MaxConcurrency: 16, Next: 'Finish' });
    const worker = map.ItemProcessor.States;
    expect(worker.Work.Parameters).toEqual({ action: 'segment', 'task.$': '$.task' });
    expect(worker['SegmentDone?'].Choices[0]).toMatchObject({
      Variable: '$.progress.done',
      BooleanEquals: true,
      Next: 'SegmentDone',
    });
    expect(worker['SegmentDone?'].Default).toBe('Work');
    expect(definition.States.Finish.Parameters).toEqual({ action: 'finish', 'started.$': '$.rebuild.started' });
    expect(definition.States.Start.Parameters).toEqual({ action: 'start', segments: 16 });
  });

  it('retries every step (a failed or timed-out worker resumes from its checkpoint)', () => {
    for (const state of [
      definition.States.Start,
      definition.States.Workers.ItemProcessor.States.Work,
      definition.States.Finish,
    ]) {
      expect(state.Retry[0]).toMatchObject({ MaxAttempts: 6, BackoffRate: 2 });
      expect(state.Retry[0].ErrorEquals).toEqual(
        expect.arrayContaining(['States.TaskFailed', 'Lambda.TooManyRequestsException']),
      );
    }
  });

  it('takes its segments from the context, traces and logs', () => {
    expect(definitionOf({ rebuildSegments: '64' }).definition.States.Workers.MaxConcurrency).toBe(64);
    expect(() => definitionOf({ rebuildSegments: '0' })).toThrow(/rebuildSegments/);
    expect(machine.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(machine.Properties.LoggingConfiguration.Level).toBe('ALL');
  });

  it('may invoke the rebuild function and nothing else', () => {
    const { template } = synthStack();
    const policies = resourcesOf(template)('AWS::IAM::Policy').filter(([id]) =>
      id.startsWith('RebuildStateMachineRole'),
    );
    const statements = policies.flatMap(([, p]) => p.Properties.PolicyDocument.Statement as any[]);
    const invoke = statements.filter((s) => [s.Action].flat().includes('lambda:InvokeFunction'));
    expect(JSON.stringify(invoke.map((s) => s.Resource))).toMatch(/ProjectionsRebuildFunction/);
    expect(JSON.stringify(invoke.map((s) => s.Resource))).not.toMatch(/Projector|Publisher|Api/);
    expect(
      statements.flatMap((s) => [s.Action].flat()).filter((a) => !/^(lambda:InvokeFunction|logs:|xray:)/.test(a)),
    ).toEqual([]);
  });
});
