import { splitCommandLine } from './commandLine';

describe('splitCommandLine splits like a POSIX shell without expansions', () => {
  it.each([
    ['./cokit-c', ['./cokit-c']],
    ['  python3   scheduler.py  ', ['python3', 'scheduler.py']],
    [`node 'my adapter.js' "a \\"b\\" c"`, ['node', 'my adapter.js', 'a "b" c']],
    ['a\\ b c', ['a b', 'c']],
    [`'it'\\''s'`, ["it's"]],
    ['echo $HOME *.js | wc', ['echo', '$HOME', '*.js', '|', 'wc']],
    [`x "" ''`, ['x', '', '']],
    [`"a\\nb"`, ['a\\nb']],
  ])('%s', (line, words) => {
    expect(splitCommandLine(line)).toEqual({ ok: true, words });
  });

  it.each([[`'open`], [`"open`], ['trailing\\'], ['   ']])('rejects %s with a reason', (line) => {
    expect(splitCommandLine(line)).toMatchObject({ ok: false, problem: expect.any(String) });
  });
});
