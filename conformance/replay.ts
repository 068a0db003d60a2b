import { readFileSync } from 'node:fs';
import { clauseById, specProfile } from '../spec';
import { openHost, type AdapterSource } from './certify';
import { recordedSource } from './source';
import { runScenario, type RunResult } from './engine/runScenario';
import { itfToScenario } from './itf/itf';
import type { ReportFile } from './report/json';
import type { Scenario } from './arbitraries';

/** A recorded run to replay: an ITF trace, or a report's counterexample (the first failing clause, or `clause`). */
export function readRecordedRun(path: string, clause?: string): { readonly scenario: Scenario; readonly source?: AdapterSource; readonly clause?: string } | { readonly problem: string } {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    return { problem: `${path} is not readable JSON: ${e instanceof Error ? e.message : String(e)}` };
  }
  const o = json as Partial<ReportFile> & { vars?: unknown; '#meta'?: { clause?: unknown } };
  if (o.vars !== undefined) {
    const s = itfToScenario(json);
    if ('problem' in s) return { problem: `${path}: ${s.problem}` };
    const c = o['#meta']?.clause;
    return { scenario: s, ...(typeof c === 'string' ? { clause: c } : {}) };
  }
  if (Array.isArray(o.clauses)) {
    const r = o.clauses.find((c) => c.counterexample !== undefined && (clause === undefined || c.clause === clause));
    if (r?.counterexample === undefined) return { problem: `${path} records no counterexample${clause !== undefined ? ` for ${clause}` : ''}` };
    return { scenario: { config: r.counterexample.config, ops: r.counterexample.ops }, clause: r.clause, ...(o.adapterRef !== undefined ? { source: recordedSource(o.adapterRef, o.adapterKind) } : {}) };
  }
  return { problem: `${path} is neither an ITF trace nor a cokit report` };
}

/**
 * Run a recorded scenario against an adapter, every step recorded and judged by the profile of the recorded
 * clause (else the one the adapter's meta declares).
 */
export async function replayScenario(scenario: Scenario, source: AdapterSource, opTimeoutMs: number, clause?: string): Promise<RunResult | { readonly kind: 'unusable'; readonly problem: string }> {
  const opened = await openHost(source, opTimeoutMs);
  if ('kind' in opened) return opened;
  try {
    const profile = specProfile((clause === undefined ? undefined : clauseById(clause)?.profile) ?? opened.meta.profile);
    return await runScenario(opened.host, scenario, true, profile);
  } finally {
    await opened.host.dispose();
  }
}
