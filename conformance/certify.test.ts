import { join } from 'node:path';
import { certify } from './certify';
import { adapter as reference } from '../adapters/reference';
import { adapter as lifo } from '../adapters/mutants/lifo';
import type { CertificationResult, ProgressEvent, UnusableAdapter } from './types';

const fixture = (name: string): string => join(__dirname, 'fixtures', `${name}.js`);
const options = { adapter: 'x', runsPerClause: 30, seed: 7, opTimeoutMs: 200 };

function unusable(r: CertificationResult | UnusableAdapter): string {
  if (!('kind' in r)) throw new Error(`expected an unusable adapter, got verdict ${r.verdict}`);
  return r.problem;
}

describe('certify', () => {
  it('the reference conforms on every clause, the level-2 ones through random and exhaustive interleavings', async () => {
    const r = await certify({ kind: 'module', ref: 'reference' }, options);
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('conforms');
    expect(r.clauses.every((c) => c.verdict === 'pass')).toBe(true);
    expect(r.clauses.filter((c) => c.runs === 30).map((c) => c.clause)).toEqual(['CO0', 'CO1', 'CO2', 'CO3', 'CO4', 'CO5', 'CO6', 'CO9']);
    expect(r.clauses.filter((c) => c.exhaustive?.complete === true).map((c) => [c.clause, c.runs > 30 + 1000])).toEqual([['CO7', true], ['CO8', true]]);
    expect(r.specHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('reports progress: each clause starts and ends in order, with runs in between', async () => {
    const events: ProgressEvent[] = [];
    const r = await certify({ kind: 'module', ref: 'reference' }, { ...options, runsPerClause: 50, clauses: ['CO3', 'CO4'] }, (e) => events.push(e));
    if ('kind' in r) throw new Error(r.problem);
    expect(events.filter((e) => e.kind !== 'run').map((e) => `${e.kind}:${e.kind === 'clause-end' ? e.result.clause : e.kind === 'clause-start' ? e.clause : ''}`)).toEqual(['clause-start:CO3', 'clause-end:CO3', 'clause-start:CO4', 'clause-end:CO4']);
    expect(events.filter((e) => e.kind === 'run').map((e) => (e.kind === 'run' ? `${e.clause}:${e.done}/${e.runs}` : ''))).toContain('CO4:50/50');
  });

  it('certifies an adapter object in this thread, under its label, with level-2 clauses unsupported for a level-1 adapter', async () => {
    const r = await certify({ kind: 'object', adapter: reference, label: 'my-scheduler' }, { ...options, tour: false });
    if ('kind' in r) throw new Error(r.problem);
    expect([r.verdict, r.adapterRef, r.adapter.name]).toEqual(['conforms', 'my-scheduler', 'reference']);
    const levelOne = { meta: { ...lifo.meta, levels: [1] as const }, open: lifo.open };
    const r1 = await certify({ kind: 'object', adapter: levelOne, label: 'level-one' }, { ...options, tour: false, clauses: ['CO7'] });
    if ('kind' in r1) throw new Error(r1.problem);
    expect(r1.clauses.find((c) => c.clause === 'CO7')?.error).toMatch(/level 2 is not among the adapter's levels \(1\)/);
    const failing = await certify({ kind: 'object', adapter: lifo, label: 'lifo' }, { ...options, clauses: ['CO4'] });
    expect('kind' in failing ? failing.problem : [failing.verdict, failing.clauses[0]?.counterexample?.replay]).toEqual(['fails', expect.stringMatching(/^npx cokit certify lifo --clause CO4 --seed 7 /)]);
  });

  it("stops with the problem an adapter's ready() reports", async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('not-ready') }, options))).toBe(`${fixture('not-ready')}: the scheduler library libco.so was not found`);
  });

  it('rejects a module whose adapter has no open() and names it', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('no-open') }, options))).toMatch(/no-open\.js: the adapter has no 'open\(config\)' function/);
  });

  it('certifies a CommonJS module that is itself the adapter (`module.exports = adapter`)', async () => {
    const r = await certify({ kind: 'module', ref: fixture('module-exports') }, { ...options, tour: false, clauses: ['CO1', 'CO4'] });
    if ('kind' in r) throw new Error(r.problem);
    expect([r.verdict, r.adapter.name]).toEqual(['conforms', 'module-exports']);
  });

  it('certifies a TypeScript adapter file without a build step (through tsx)', async () => {
    const r = await certify({ kind: 'module', ref: join(__dirname, 'fixtures', 'typescript-adapter.ts') }, { ...options, tour: false, clauses: ['CO1'] });
    if ('kind' in r) throw new Error(r.problem);
    expect([r.verdict, r.adapter.name]).toEqual(['conforms', 'typescript-adapter']);
  });

  it('rejects a module that exports no adapter, saying which exports count', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('no-export') }, options))).toMatch(/exports no adapter: `module.exports = adapter`, `exports.adapter = adapter` or an ES default export/);
  });

  it('rejects malformed meta, naming the field', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('bad-meta') }, options))).toMatch(/meta\/profile/);
  });

  it('rejects events of the wrong shape, naming where', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('bad-events') }, options))).toMatch(/wrong shape: event \/\d+\/co must be integer/);
  });

  it('rejects an unknown adapter name and a missing path', async () => {
    expect(unusable(await certify({ kind: 'module', ref: 'no-such-thing' }, options))).toMatch(/unknown adapter 'no-such-thing'/);
    expect(unusable(await certify({ kind: 'module', ref: './nowhere/adapter.js' }, options))).toMatch(/does not exist/);
  });

  it('judges a crashing adapter as an error, not a failure, with the crash message', async () => {
    const r = await certify({ kind: 'module', ref: fixture('throws') }, { ...options, clauses: ['CO1'] });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('error');
    expect(r.clauses[0]?.error).toMatch(/segfault in enter/);
  });

  it('survives an adapter that never returns, and reports the hang', async () => {
    const r = await certify({ kind: 'module', ref: fixture('hangs') }, { ...options, clauses: ['CO1'] });
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('error');
    expect(r.clauses[0]?.error).toMatch(/hung: operation \d+ \(.*\) did not return within (\d{4,}) ms \(first stopped after \d+ ms, confirmed with the \1 ms limit\)$/);
    expect(r.clauses[0]?.counterexample?.steps.at(-1)?.outcome).toBe('timeout');
  });

  it('reports the seed-literal list hang as a CO9 violation', async () => {
    const r = await certify({ kind: 'module', ref: 'seed-literal-list' }, { ...options, clauses: ['CO9'] });
    if ('kind' in r) throw new Error(r.problem);
    const cx = r.clauses[0]?.counterexample;
    expect(r.clauses[0]?.verdict).toBe('fail');
    expect(cx?.steps.at(-1)?.outcome).toBe('timeout');
    expect(cx?.message).toMatch(/never returned with a stale record/);
  });
});
