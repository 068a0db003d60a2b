import type { Clause, SpecProfile } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { ClauseResult, ProgressEvent } from '../types';
import type { Host } from './host';
import { settle } from './settle';
import { settledResult } from './settledResult';
import { shrinkFor } from './shrinkScenario';

/**
 * A clause whose own search passed, checked on a run another search met that violates it (`Harvest`):
 * shrunk for this clause, then settled with the confirmation limit. A confirmed violation is this clause's
 * `fail`, its counterexample saying which search found it; anything else leaves the clause's result as it was.
 */
export async function checkHarvested(
  host: Host,
  clause: Clause,
  found: { readonly scenario: Scenario; readonly by: string },
  o: { readonly seed: number; readonly replay: string; readonly onProgress?: (e: ProgressEvent) => void; readonly profile?: SpecProfile },
): Promise<ClauseResult | null> {
  const started = Date.now();
  const shrunk = await shrinkFor(host, clause, found.scenario, (candidates) => o.onProgress?.({ kind: 'shrink', clause: clause.id, candidates }), o.profile);
  if (shrunk === null) return null;
  o.onProgress?.({ kind: 'confirm', clause: clause.id, limitMs: host.limits.confirmMs });
  const settled = await settle(host, clause, shrunk.scenario, shrunk.result, o.profile);
  if (settled.kind !== 'fail') return null;
  const base = { clause: clause.id, slug: clause.slug, statement: clause.statement, runs: shrunk.candidates, seed: o.seed };
  const r = settledResult(settled, clause, shrunk.scenario, base, { seed: o.seed, path: '', replay: o.replay, runsBeforeFailure: 0, foundBy: `${found.by}'s search` }, started);
  return 'kind' in r ? null : r;
}
