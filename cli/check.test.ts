import { Command, CommanderError } from 'commander';
import { CHECK_EXIT, registerCheck, runCheck } from './check';

const flags = { model: 'atomic' as const, variant: 'patch' as const, coroutines: 1, contexts: 2, yields: 2, drivers: 2 };

function run(f: Parameters<typeof runCheck>[0]): { code: number; out: string; err: string } {
  let out = '';
  let err = '';
  const code = runCheck(f, (s) => (out += s), (s) => (err += s));
  return { code, out, err };
}

describe('cokit check', () => {
  it('exits 0 and prints the counts when the atomic model has no violation', () => {
    const r = run({ ...flags, schedules: 2 });
    expect(r.code).toBe(CHECK_EXIT.ok);
    expect(r.out).toMatch(/^95 states, \d+ transitions, depth 5, .* states\/s$/m);
    expect(r.out).toContain('no violation');
  });

  it('exits 1 and prints the counterexample step by step for a swapped interleaved order', () => {
    const r = run({ ...flags, model: 'interleaved', variant: 'unmark-before-caller', coroutines: 1, contexts: 1 });
    expect(r.code).toBe(CHECK_EXIT.violation);
    expect(r.out).toContain('CO8 caller-before-unmark violated after 10 steps');
    expect(r.out).toMatch(/ {2}3 {2}T1 enter\(c0\): check-caller\n {7}c0 mark=- caller=- seg=0/);
    expect(r.out).toMatch(/10 {2}bh@x0 enter\(c0\): check-caller\n/);
  });

  it('prints the same shortest counterexample with the partial-order reduction (the default) and without it', () => {
    const f = { ...flags, model: 'interleaved' as const, variant: 'publish-before-mark' as const, coroutines: 2, contexts: 2 };
    const por = run(f);
    const none = run({ ...f, reduction: 'none' });
    expect(por.code).toBe(CHECK_EXIT.violation);
    expect(none.code).toBe(CHECK_EXIT.violation);
    expect(por.out).toContain('partial-order reduction: ');
    expect(por.out).toMatch(/a shortest counterexample, re-searched without the reduction to depth \d+: /);
    expect(none.out).not.toContain('partial-order reduction');
    const trace = (out: string) => out.slice(out.indexOf('violated after'));
    expect(trace(por.out)).toBe(trace(none.out));
  });

  it('refuses a partial-order reduction for the atomic model', () => {
    const r = run({ ...flags, reduction: 'por' });
    expect(r.code).toBe(CHECK_EXIT.badArguments);
    expect(r.err).toContain('the atomic model has no partial-order reduction');
  });

  it('exits 0 for the patch order of the interleaved model', () => {
    expect(run({ ...flags, model: 'interleaved', coroutines: 1, contexts: 1 }).code).toBe(CHECK_EXIT.ok);
  });

  it('says when a bound cut the search short', () => {
    const r = run({ ...flags, depth: 2 });
    expect(r.code).toBe(CHECK_EXIT.ok);
    expect(r.out).toContain('within the depth bound');
  });

  it('exits 2 on bounds the encoding cannot hold', () => {
    const r = run({ ...flags, coroutines: 9 });
    expect(r.code).toBe(CHECK_EXIT.badArguments);
    expect(r.err).toContain('coroutines must be 1..8');
  });

  it('rejects a malformed option through commander (the caller maps it to exit 2)', async () => {
    const program = new Command('cokit').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
    registerCheck(program);
    await expect(program.parseAsync(['check', '--yields', 'many'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
    await expect(program.parseAsync(['check', '--variant', 'backwards'], { from: 'user' })).rejects.toBeInstanceOf(CommanderError);
  });
});
