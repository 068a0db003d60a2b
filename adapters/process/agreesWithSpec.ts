import fc from 'fast-check';
import { initialState, step, type DriverOp, type Event, type SessionConfig } from '../../spec';
import { scenarioArb } from '../../conformance/arbitraries';
import type { ProcessAdapter, ProcessSession } from './adapter';

/** The events `step` predicts for each op (generated scenarios never hold a disabled op). */
export function predictEvents(config: SessionConfig, ops: readonly DriverOp[]): Event[][] {
  let state = initialState(config);
  return ops.map((op) => {
    const r = step(state, op);
    if (r.kind !== 'ok') throw new Error(`generated a disabled op: ${r.reason}`);
    state = r.state;
    return [...r.events];
  });
}

/** Events as compared: an error's message is free text. */
export const comparable = (events: readonly (readonly Event[])[]): unknown => events.map((es) => es.map((e) => (e.ev === 'error' ? { ...e, message: '' } : e)));

/** Test helper: a process adapter's batched events equal the spec's prediction on random sessions. */
export async function expectAgreesWithSpec(adapter: ProcessAdapter, numRuns: number, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(scenarioArb(null, { minCoroutines: 1, maxNoise: 20 }), async ({ config, ops }) => {
      const session = (await adapter.open(config)) as ProcessSession;
      const got = await session.applyBatch(ops);
      await session.close();
      expect(comparable(got)).toEqual(comparable(predictEvents(config, ops)));
    }),
    { numRuns, seed },
  );
}
