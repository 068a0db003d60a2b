import { join } from 'node:path';
import { certify } from './certify';
import type { CertificationResult, UnusableAdapter } from './types';

const fixture = (name: string): string => join(__dirname, 'fixtures', `${name}.js`);
const options = { adapter: 'x', runsPerClause: 30, seed: 7, opTimeoutMs: 200 };

function unusable(r: CertificationResult | UnusableAdapter): string {
  if (!('kind' in r)) throw new Error(`expected an unusable adapter, got verdict ${r.verdict}`);
  return r.problem;
}

describe('certify', () => {
  it('the reference conforms on every clause', async () => {
    const r = await certify({ kind: 'module', ref: 'reference' }, options);
    if ('kind' in r) throw new Error(r.problem);
    expect(r.verdict).toBe('conforms');
    expect(r.clauses.filter((c) => c.verdict !== 'unsupported').every((c) => c.verdict === 'pass' && c.runs === 30)).toBe(true);
    expect(r.clauses.filter((c) => c.verdict === 'unsupported').map((c) => c.clause)).toEqual(['CO7', 'CO8']);
    expect(r.specHash).toMatch(/^sha256:[0-9a-f]{64}$/);
  });

  it('rejects a module whose adapter has no open() and names it', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('no-open') }, options))).toMatch(/no-open\.js: the adapter has no 'open\(config\)' function/);
  });

  it('rejects a module that exports no adapter', async () => {
    expect(unusable(await certify({ kind: 'module', ref: fixture('no-export') }, options))).toMatch(/exports no 'adapter'/);
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
    expect(r.clauses[0]?.error).toMatch(/hung: operation \d+ did not return within 200 ms/);
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
