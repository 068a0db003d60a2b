export type SplitResult = { readonly ok: true; readonly words: readonly string[] } | { readonly ok: false; readonly problem: string };

/**
 * Split a `--cmd` string into argv words the way a POSIX shell quotes, and nothing more: blanks separate
 * words; '…' keeps everything literally; "…" keeps everything but lets a backslash escape `"`, `\`, `$`, `` ` ``
 * and a newline; an unquoted backslash takes the next character literally. No variables, globs, operators or
 * substitutions: `$HOME`, `*`, `|`, `;` stay as written, because the child is spawned without a shell.
 */
export function splitCommandLine(s: string): SplitResult {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let i = 0;
  while (i < s.length) {
    const ch = s[i] as string;
    if (ch === ' ' || ch === '\t' || ch === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
      i++;
    } else if (ch === "'") {
      const end = s.indexOf("'", i + 1);
      if (end < 0) return { ok: false, problem: `unterminated single quote at ${i}` };
      word += s.slice(i + 1, end);
      inWord = true;
      i = end + 1;
    } else if (ch === '"') {
      inWord = true;
      i++;
      for (;;) {
        if (i >= s.length) return { ok: false, problem: 'unterminated double quote' };
        const c = s[i] as string;
        if (c === '"') break;
        if (c === '\\' && i + 1 < s.length && '"\\$`\n'.includes(s[i + 1] as string)) {
          if (s[i + 1] !== '\n') word += s[i + 1];
          i += 2;
        } else {
          word += c;
          i++;
        }
      }
      i++;
    } else if (ch === '\\') {
      if (i + 1 >= s.length) return { ok: false, problem: 'trailing backslash' };
      if (s[i + 1] !== '\n') {
        word += s[i + 1];
        inWord = true;
      }
      i += 2;
    } else {
      word += ch;
      inWord = true;
      i++;
    }
  }
  if (inWord) words.push(word);
  if (words.length === 0) return { ok: false, problem: 'empty command line' };
  return { ok: true, words };
}
