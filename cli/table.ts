import type { CertificationResult, ClauseResult } from '../conformance/types';

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

/** Runs a clause's search set aside as other clauses' violations: "31 (CO9 31)". */
const setAside = (d: ClauseResult['discarded']): string =>
  d === undefined ? '0' : `${d.runs} (${Object.entries(d.byClause).map(([id, n]) => `${id} ${n}`).join(', ')})`;

/** The verdict table: clause, verdict, runs, runs that reached the clause's situation, runs set aside as other clauses' violations, time. */
export function renderTable(result: CertificationResult): string {
  const rows = result.clauses.map((c) => [`${c.clause} ${c.slug}`, c.verdict.toUpperCase(), String(c.runs), c.situation === undefined ? '' : String(c.situation.reached), setAside(c.discarded), `${(c.timeMs / 1000).toFixed(2)} s`]);
  const head = ['clause', 'verdict', 'runs', 'situation', 'set aside', 'time'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]): string => r.map((cell, i) => pad(cell, widths[i] ?? 0)).join('  ').trimEnd();
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function renderSummary(result: CertificationResult): string {
  const { adapter } = result;
  const verdict = result.verdict === 'conforms' ? 'CONFORMS' : result.verdict === 'fails' ? 'DOES NOT CONFORM' : 'ERROR';
  return `${adapter.name} ${adapter.version} (profile ${adapter.profile}, levels ${adapter.levels.join(', ')}): ${verdict} in ${(result.durationMs / 1000).toFixed(1)} s`;
}

const pct = (p: { covered: number; total: number }): string => `${((100 * p.covered) / Math.max(1, p.total)).toFixed(1)}%`;

/**
 * The transition tour's lines: the totals, then each bounded space with what its fractions are of (the
 * programs' length and alphabet, coroutines, contexts, schedules).
 */
export function renderCoverage(result: CertificationResult): string | null {
  const c = result.coverage;
  if (c === undefined) return null;
  const head = `transition tour (${c.tour}, ${c.spaces.length} bounded space${c.spaces.length === 1 ? '' : 's'}): transitions ${c.transitions.covered}/${c.transitions.total} (${pct(c.transitions)}), states ${c.states.covered}/${c.states.total} (${pct(c.states)}), ${c.legs} runs, ${(c.timeMs / 1000).toFixed(2)} s${c.fault !== undefined ? `; stopped: ${c.fault}` : ''}`;
  const spaces = c.spaces.map((s) => `  of ${s.space}: transitions ${s.transitions.covered}/${s.transitions.total} (${pct(s.transitions)}), states ${s.states.covered}/${s.states.total} (${pct(s.states)}), ${s.legs} runs`);
  return [head, ...spaces].join('\n');
}

/** The level-3 line: concurrent runs on real threads, how varied they were, and the trace check's search. */
export function renderLevel3(result: Pick<CertificationResult, 'level3'>): string | null {
  const l = result.level3;
  if (l === undefined) return null;
  const s = l.search;
  const undecided = l.undecided > 0 ? `, ${l.undecided} undecided (search limit)` : '';
  return `level 3 (real threads): ${l.verdict.toUpperCase()} — ${l.runs} runs, ${l.distinctTraces} distinct traces${undecided}; trace check searched ${s.states.toLocaleString('en-US')} (state, position) pairs in ${(s.ms / 1000).toFixed(2)} s (largest ${s.maxStates.toLocaleString('en-US')}, longest ${Math.round(s.maxMs)} ms); ${(l.timeMs / 1000).toFixed(2)} s${l.error !== undefined ? `; ${l.error}` : ''}`;
}
