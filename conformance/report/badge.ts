import { makeBadge } from 'badge-maker';
import { verifyCommand } from '../source';
import type { CertificationResult } from '../types';

/**
 * The SVG badge, issued only when every clause of the adapter's levels passed. Its link text says how to
 * check it: the report beside it names the seed, budgets and spec hash to re-run.
 */
export function renderBadge(result: CertificationResult): string | null {
  if (result.verdict !== 'conforms') return null;
  const levels = result.adapter.levels.map((l) => `L${l}`).join('+');
  const passed = result.clauses.filter((c) => c.verdict === 'pass').length;
  const svg = makeBadge({
    label: `cokit ${result.adapter.profile}`,
    message: `conforms ${levels} · ${passed} clauses`,
    color: 'brightgreen',
    style: 'flat',
  });
  const cov = result.coverage === undefined ? '' : `; transition tour: ${result.coverage.transitions.covered}/${result.coverage.transitions.total} transitions, ${result.coverage.states.covered}/${result.coverage.states.total} states of the bounded spec`;
  const l3 = result.level3 === undefined ? '' : `; level 3: ${result.level3.runs} concurrent runs on real threads, ${result.level3.distinctTraces} distinct traces, each explained by the interleaved model`;
  const how = `verify: ${verifyCommand(result.adapterRef, result.adapterKind)} (seed ${result.options.seed}, ${result.options.runsPerClause} runs per clause, spec ${result.specHash.slice(0, 19)})${cov}${l3}`;
  return svg.replace(/<title>([^<]*)<\/title>/, (_m, t: string) => `<title>${t} — ${escapeXml(how)}</title><desc>${escapeXml(how)}</desc>`);
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
