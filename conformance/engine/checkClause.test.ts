import { CLAUSES, clauseById, type Clause, type ClauseId } from '../../spec';
import type { Adapter } from '../../adapters/contract';
import { adapter as reference } from '../../adapters/reference';
import { adapter as noCancel } from '../../adapters/mutants/no-cancel';
import { adapter as lifo } from '../../adapters/mutants/lifo';
import type { ClauseResult, UnusableAdapter } from '../types';
import { checkClause, type CheckOptions } from './checkClause';
import { InProcessHost } from './InProcessHost';

const clause = (id: ClauseId): Clause => {
  const c = clauseById(id);
  if (c === undefined) throw new Error(`${id} is not in the registry`);
  return c;
};
const options = (o: Partial<CheckOptions> = {}): CheckOptions => ({ runs: 100, seed: 42, replayCommand: (seed, path) => `replay ${seed} ${path}`, ...o });
const check = (a: Adapter, id: ClauseId, o?: Partial<CheckOptions>) => checkClause(new InProcessHost(a, a.meta.name, 100), clause(id), options(o));

function result(r: ClauseResult | UnusableAdapter): ClauseResult {
  if ('kind' in r) throw new Error(`unusable: ${r.problem}`);
  return r;
}

describe('checkClause', () => {
  it('passes the reference after exactly the requested runs', async () => {
    const r = result(await check(reference, 'CO1'));
    expect([r.verdict, r.runs, r.seed]).toEqual(['pass', 100, 42]);
  });

  it('passes the reference on every active level-1 clause at 200 runs', async () => {
    const verdicts: string[] = [];
    for (const c of CLAUSES.filter((k) => k.status === 'active' && k.level === 1)) verdicts.push(`${c.id}:${result(await check(reference, c.id, { runs: 200 })).verdict}`);
    expect(verdicts.filter((v) => !v.endsWith(':pass'))).toEqual([]);
    expect(verdicts.length).toBeGreaterThanOrEqual(8);
  });

  it('fails only for its own clause: the LIFO scheduler passes CO1 and fails CO4', async () => {
    expect(result(await check(lifo, 'CO1')).verdict).toBe('pass');
    expect(result(await check(lifo, 'CO4')).verdict).toBe('fail');
  });

  it('shrinks a failure, and its seed and path replay exactly that counterexample', async () => {
    const first = result(await check(noCancel, 'CO1'));
    const cx = first.counterexample;
    if (cx === undefined) throw new Error(`no counterexample: ${first.verdict}`);
    expect(cx.replay).toBe(`replay 42 ${cx.path}`);
    const again = result(await check(noCancel, 'CO1', { path: cx.path }));
    expect(again.verdict).toBe('fail');
    expect(again.counterexample?.steps).toEqual(cx.steps);
    expect(again.counterexample?.config).toEqual(cx.config);
  });

  it('calls a crashing adapter an error, with the crash as the counterexample', async () => {
    const crashes: Adapter = {
      meta: { ...reference.meta, name: 'crashes' },
      async open(c) {
        const s = await reference.open(c);
        return { apply: (op) => (op.op === 'poll' ? Promise.reject(new Error('use after free')) : s.apply(op)), close: () => s.close() };
      },
    };
    const r = result(await check(crashes, 'CO3'));
    expect([r.verdict, r.error]).toEqual(['error', 'the adapter crashed: apply() threw: use after free']);
    expect(r.counterexample?.kind).toBe('adapter-fault');
    expect(r.counterexample?.steps.at(-1)?.op.op).toBe('poll');
  });

  it('stops with the problem when the adapter is malformed', async () => {
    const noSession: Adapter = { meta: reference.meta, open: () => null as unknown as ReturnType<Adapter['open']> };
    expect(await check(noSession, 'CO1')).toEqual({ kind: 'unusable', problem: 'reference: open() must return a session object, got null' });
  });
});
