import { makeBadge } from 'badge-maker';
import type { CertificationResult } from '../types';

/**
 * The SVG badge, issued only when every clause of the adapter's levels passed. Its link text says how to
 * check it: the report beside it names the seed, budgets and spec hash to re-run.
 */
export function renderBadge(result: CertificationResult): string | null {
  if (result.verdict !== 'conforms') return null;
  const levels = result.adapter.levels.map((l) => `L${l}`).join('+');
  const passed = result.clauses.filter((c) => c.verdict === 'pass').length;
  return makeBadge({
    label: `cokit ${result.adapter.profile}`,
    message: `conforms ${levels} · ${passed} clauses`,
    color: 'brightgreen',
    style: 'flat',
  });
}
