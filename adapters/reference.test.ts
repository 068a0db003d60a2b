import fc from 'fast-check';
import { eventToString, firstDifference, initialState, opToString, step, type Event } from '../spec';
import { scenarioArb, type Scenario } from '../conformance/arbitraries';
import { adapter } from './reference';

/** Runs a scenario through the reference adapter and the spec side by side; returns the first mismatch. */
async function mismatch(s: Scenario): Promise<string | null> {
  const session = await adapter.open(s.config);
  let state = initialState(s.config);
  for (const op of s.ops) {
    const r = step(state, op);
    if (r.kind !== 'ok') continue;
    const observed: readonly Event[] = await session.apply(op);
    const i = firstDifference(r.events, observed);
    if (i !== -1) return `${opToString(op)}: expected [${r.events.map(eventToString)}] observed [${observed.map(eventToString)}]`;
    state = r.state;
  }
  await session.close();
  return null;
}

describe('reference adapter', () => {
  it('produces exactly the events the spec predicts on random sessions', async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArb(null, { minCoroutines: 1, maxNoise: 25 }), async (s) => {
        expect(await mismatch(s)).toBeNull();
      }),
      { numRuns: 3000, seed: 42 },
    );
  });
});
