import { classify, type Classification } from './classify';
import { adapter as referenceStrict } from '../adapters/reference-strict';
import { makeAdapter } from '../examples/promise-scheduler/adapter';
import type { AdapterSource } from './source';

const options = { runsPerClause: 40, seed: 5, opTimeoutMs: 500 };
const run = async (source: AdapterSource): Promise<Classification> => {
  const c = await classify(source, options);
  if ('kind' in c) throw new Error(c.problem);
  return c;
};
const moduleSource = (ref: string): AdapterSource => ({ kind: 'module', ref });

describe('cokit classify: which semantics a scheduler implements', () => {
  it.each([
    ['reference', 'cancel'],
    ['reference-strict', 'strict'],
    ['no-cancel', 'pre-patch'],
    ['lifo', 'none'],
  ])('%s is %s', async (ref, profile) => {
    const c = await run(moduleSource(ref));
    expect(c.profile).toBe(profile);
    expect(c.evidence.length).toBeGreaterThanOrEqual(2);
  });

  it('shows its evidence: for reference-strict, the direct entry of a pending coroutine aborted', async () => {
    const c = await run(moduleSource('reference-strict'));
    const pending = c.evidence.find((e) => e.scenario === 'pendingEntry');
    expect(pending).toMatchObject({ shows: 'strict', ops: ['create(c0, [yield; yield])', 'schedule(c0, x0, from x0)', 'enter(c0, from x0)'], observed: ['(no events)', 'abort(already-scheduled, c0)'] });
    expect(c.certification).toMatchObject({ profile: 'strict', verdict: 'conforms', failing: [] });
  });

  it('lifo: the scenarios point to cancel, the certification names the clause that fails', async () => {
    const c = await run(moduleSource('lifo'));
    expect(c.certification?.failing).toEqual([{ clause: 'CO4', verdict: 'fail' }]);
  });

  it('does not trust the meta: a strict scheduler that declares cancel is strict', async () => {
    const liar = { ...referenceStrict, meta: { ...referenceStrict.meta, profile: 'cancel' as const } };
    const c = await run({ kind: 'object', adapter: liar, label: 'liar' });
    expect(c).toMatchObject({ profile: 'strict', declared: 'cancel' });
  });

  it('a scheduler written apart from the kit (the async/await example) is cancel', async () => {
    expect((await run({ kind: 'object', adapter: makeAdapter(), label: 'promise-scheduler' })).profile).toBe('cancel');
  });

  it('a strict mutant whose aborts do not stop is none, though its scenarios look strict', async () => {
    const c = await run(moduleSource('strict-abort-continues'));
    expect(c.profile).toBe('none');
    expect(c.certification?.profile).toBe('strict');
  });
});
