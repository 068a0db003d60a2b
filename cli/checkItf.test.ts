import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCheck, CHECK_EXIT } from './check';

describe('cokit check --itf', () => {
  it('writes the shortest counterexample of a swapped order as an ITF trace', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'cokit-check-')), 'co8.itf.json');
    const out: string[] = [];
    const code = runCheck({ model: 'interleaved', variant: 'unmark-before-caller', coroutines: 1, contexts: 1, yields: 2, drivers: 2, itf: file }, (s) => out.push(s), () => {});
    expect(code).toBe(CHECK_EXIT.violation);
    const itf = JSON.parse(readFileSync(file, 'utf8')) as { '#meta': { format: string; description: string }; states: { label: string; action: unknown }[] };
    expect(itf['#meta']).toMatchObject({ format: 'ITF', description: expect.stringMatching(/^CO8 caller-before-unmark/) });
    expect(itf.states[0]?.action).toEqual({ op: 'init', contexts: { '#bigint': '1' }, coroutines: { '#bigint': '1' } });
    expect(itf.states.length).toBe(out.join('').match(/^\s+\d+ {2}/gm)?.length);
  });
});
