import type { Adapter } from '../adapters/contract';

/**
 * What to certify: a module (a built-in name or a path), run in a worker; a command line speaking the process
 * protocol (`--cmd`); or an adapter object given in code, run here.
 */
export type AdapterSource =
  | { readonly kind: 'module'; readonly ref: string }
  | { readonly kind: 'cmd'; readonly line: string }
  | { readonly kind: 'object'; readonly adapter: Adapter; readonly label: string };

/** How a report names the source: the module, the command line, or the object's label. */
export function sourceLabel(source: AdapterSource): string {
  return source.kind === 'module' ? source.ref : source.kind === 'cmd' ? source.line : source.label;
}

/** A word for a POSIX shell: as it is when it is plain, else single-quoted. */
export const shellQuote = (s: string): string => (/^[\w./:@-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/**
 * How cokit's command line names the source, for the replay and verify commands it prints: the module, or
 * `--cmd '<command line>'`. An object has no such name; its label stands in.
 */
export function sourceArgument(source: AdapterSource): string {
  return source.kind === 'cmd' ? `--cmd ${shellQuote(source.line)}` : shellQuote(sourceLabel(source));
}

/** The source a report was made from, as its `adapterRef` and `adapterKind` record it (older reports: a module). */
export function recordedSource(ref: string, kind: 'module' | 'cmd' | 'object' | undefined): AdapterSource {
  return kind === 'cmd' ? { kind: 'cmd', line: ref } : { kind: 'module', ref };
}

/** The source as an option of `cokit verify` and `cokit replay`: `--cmd '<line>'`, or `--adapter <module>`. */
export function sourceOption(source: AdapterSource): string {
  return source.kind === 'cmd' ? sourceArgument(source) : `--adapter ${sourceArgument(source)}`;
}

/** The command that re-runs a report (`cokit verify`), naming its adapter as it was certified. */
export function verifyCommand(ref: string, kind: 'module' | 'cmd' | 'object' | undefined): string {
  return `npx cokit verify report.json ${sourceOption(recordedSource(ref, kind))}`;
}
