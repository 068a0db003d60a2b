import { certify } from '../../conformance/certify';
import { adapter, makeAdapter } from './adapter';
import { PromiseScheduler } from './scheduler';

describe('the promise-scheduler example', () => {
  it('conforms on every clause, driven in-process as an adapter object', async () => {
    const r = await certify({ kind: 'object', adapter, label: 'promise-scheduler' }, { adapter: 'promise-scheduler', runsPerClause: 300, seed: 11, opTimeoutMs: 1000 });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.clauses.map((c) => `${c.clause}:${c.verdict}`)).toEqual(r.clauses.map((c) => `${c.clause}:pass`));
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
