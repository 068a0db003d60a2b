import { certify } from '../../conformance/certify';
import { adapter, makeAdapter } from './adapter';
import { PromiseScheduler } from './scheduler';

describe('the promise-scheduler example', () => {
  it('conforms on every clause, driven in-process as an adapter object', async () => {
    const r = await certify({ kind: 'object', adapter, label: 'promise-scheduler' }, { adapter: 'promise-scheduler', runsPerClause: 300, seed: 11, opTimeoutMs: 1000 });
    if ('kind' in r) throw new Error(r.problem);
    const level1 = r.clauses.filter((c) => c.verdict !== 'unsupported');
    expect(level1.map((c) => `${c.clause}:${c.verdict}`)).toEqual(level1.map((c) => `${c.clause}:pass`));
    expect(level1).toHaveLength(8);
  });

  it('is caught when it forgets the cancel (the kit is not fooled by an async scheduler)', async () => {
    class Forgetful extends PromiseScheduler {
      protected override cancelTicket(): void {}
    }
    const r = await certify({ kind: 'object', adapter: makeAdapter(Forgetful, 'forgetful'), label: 'forgetful' }, { adapter: 'forgetful', runsPerClause: 300, seed: 11, opTimeoutMs: 1000, clauses: ['CO1'] });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.clauses[0]?.verdict).toBe('fail');
  });
});
