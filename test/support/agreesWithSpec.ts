import fc from 'fast-check';
import type { Event } from '../../spec';
import { scenarioArb } from '../../conformance/arbitraries';
import { predict } from '../../conformance/engine/runScenario';
import type { ProcessAdapter, ProcessSession } from '../../adapters/process';

/** Events as compared: an error's message is free text. */
export const comparable = (events: readonly (readonly Event[])[]): unknown => events.map((es) => es.map((e) => (e.ev === 'error' ? { ...e, message: '' } : e)));

/** Test support: a process adapter's batched events equal the spec's prediction on random sessions. */
export async function expectAgreesWithSpec(adapter: ProcessAdapter, numRuns: number, seed: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(scenarioArb(null, { minCoroutines: 1, maxNoise: 20 }), async ({ config, ops }) => {
      const predicted = predict({ config, ops });
      expect(predicted).toHaveLength(ops.length);
      const session = (await adapter.open(config)) as ProcessSession;
      const got = await session.applyBatch(ops);
      await session.close();
      expect(comparable(got)).toEqual(comparable(predicted.map((p) => p.events)));
    }),
    { numRuns, seed },
  );
}
