import { hangWords } from '../engine/settledResult';
import { clauseById, clauseTitle, concurrentProgramToString, eventToString, opToString } from '../../spec';
import type { CertificationResult, InterleavedCounterexample } from '../types';
import { verifyCommand } from '../source';
import { renderDiagram } from './diagram';
import { renderLanes } from './lanes';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const CSS = `body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}h1{font-size:20px}table{border-collapse:collapse}
td,th{border:1px solid #d0d7de;padding:4px 8px;text-align:left}.pass{color:#0a8f5a;font-weight:bold}.fail{color:#d1242f;font-weight:bold}
.error{color:#9a6700;font-weight:bold}.unsupported{color:#666}code,pre{font-family:ui-monospace,monospace;background:#f6f8fa;padding:2px 4px}
pre{padding:8px;overflow:auto}.cx{margin-top:28px;border-top:2px solid #d0d7de;padding-top:8px}.steps td{font-family:ui-monospace,monospace;font-size:12px}
tr.diverged td{background:#fff1f0}.scroll{overflow:auto;border:1px solid #d0d7de;margin:8px 0}`;

/**
 * report.html: one self-contained file (inline CSS and SVG, no script, no network): the verdicts, and for
 * each failing clause its counterexample as a sequence diagram, the steps with both traces and the spec
 * state after each, and the replay command.
 */
export function renderHtmlReport(r: CertificationResult): string {
  const rows = r.clauses
    .map((c) => `<tr data-clause="${c.clause}"><td>${esc(`${c.clause} ${c.slug}`)}</td><td>${esc(c.statement)}</td><td class="${c.verdict}">${c.verdict.toUpperCase()}${c.error !== undefined && c.verdict === 'error' ? `<br><small>${esc(c.error)}</small>` : ''}</td><td>${c.runs}${c.discarded !== undefined ? ` <small title="runs that broke other clauses, set aside">(${c.discarded.runs} set aside)</small>` : ''}</td><td${c.situation === undefined ? '' : ` title="${esc(c.situation.what)}"`}>${c.situation?.reached ?? ''}</td><td>${(c.timeMs / 1000).toFixed(2)} s</td></tr>`)
    .join('\n');
  const failures = r.clauses
    .filter((c) => c.counterexample !== undefined)
    .map((c) => {
      const cx = c.counterexample;
      const clause = clauseById(c.clause);
      if (cx === undefined || clause === undefined) return '';
      const steps = cx.steps
        .map((s) => `<tr class="${s.diverged ? 'diverged' : ''}" data-step="${s.index}"><td>#${s.index}</td><td>${esc(opToString(s.op))}</td><td>${esc(s.expected.map(eventToString).join(', '))}</td><td>${esc(s.outcome === 'completed' ? s.observed.map(eventToString).join(', ') : `(${s.outcome})`)}</td><td>${esc(s.stateAfter)}</td></tr>`)
        .join('\n');
      return `<section class="cx" id="cx-${c.clause}" data-clause="${c.clause}">
<h2>${esc(clauseTitle(clause))} — ${cx.kind === 'violation' ? 'violated' : 'adapter error'}</h2>
<p>${esc(cx.message)}</p>${cx.hang !== undefined ? `\n<p class="hang">The hang was confirmed: ${esc(hangWords(cx.hang))}.</p>` : ''}${cx.foundBy !== undefined ? `\n<p>Found by ${esc(cx.foundBy)}, shrunk for this clause.</p>` : ''}
<p>seed <code>${cx.seed}</code>, path <code>${esc(cx.path)}</code>, ${cx.config.contexts} context(s), ${cx.config.coroutines} coroutine(s). Replay: <code class="replay">${esc(cx.replay)}</code></p>
<div class="scroll">${renderDiagram(cx)}</div>
<table class="steps"><tr><th>step</th><th>operation</th><th>expected</th><th>observed</th><th>spec state after</th></tr>
${steps}</table></section>`;
    })
    .join('\n');
  const concurrent = [...r.clauses.flatMap((c) => (c.interleaving === undefined ? [] : [c.interleaving])), ...(r.level3?.counterexample === undefined ? [] : [r.level3.counterexample])];
  const unique = concurrent.filter((cx, i) => concurrent.indexOf(cx) === i);
  const l3 = r.level3;
  const level3 = l3 === undefined ? '' : `<p class="level3" data-verdict="${l3.verdict}">Level 3 (real threads): <span class="${l3.verdict}">${l3.verdict.toUpperCase()}</span> — ${l3.runs} concurrent runs, ${l3.distinctTraces} distinct traces${l3.undecided > 0 ? `, ${l3.undecided} undecided` : ''}; the trace check searched ${l3.search.states} (state, position) pairs in ${(l3.search.ms / 1000).toFixed(2)} s (largest ${l3.search.maxStates}, longest ${Math.round(l3.search.maxMs)} ms)${l3.error !== undefined ? `; ${esc(l3.error)}` : ''}.</p>`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>cokit report: ${esc(r.adapter.name)}</title><style>${CSS}</style></head>
<body>
<h1>cokit certification of ${esc(r.adapter.name)} ${esc(r.adapter.version)}: <span class="${r.verdict === 'conforms' ? 'pass' : r.verdict === 'fails' ? 'fail' : 'error'}">${r.verdict.toUpperCase()}</span></h1>
<p>profile <code>${r.adapter.profile}</code>, levels ${r.adapter.levels.join(', ')}; kit ${esc(r.kit.name)} ${esc(r.kit.version)}; spec <code>${esc(r.specHash)}</code>;
seed <code>${r.options.seed}</code>, ${r.options.runsPerClause} runs per clause, timeout ${r.options.opTimeoutMs} ms, ${(r.durationMs / 1000).toFixed(1)} s.
Verify: <code>${esc(verifyCommand(r.adapterRef, r.adapterKind))}</code></p>
${r.coverage === undefined ? '' : `<p class="coverage" data-transitions="${r.coverage.transitions.covered}/${r.coverage.transitions.total}">Transition tour of the bounded spec (${esc(r.coverage.tour)}): transitions ${r.coverage.transitions.covered}/${r.coverage.transitions.total}, states ${r.coverage.states.covered}/${r.coverage.states.total}, ${r.coverage.legs} runs${r.coverage.fault !== undefined ? `; stopped: ${esc(r.coverage.fault)}` : ''}.</p>
<ul class="coverage-spaces">${r.coverage.spaces.map((s) => `<li>of ${esc(s.space)}: transitions ${s.transitions.covered}/${s.transitions.total}, states ${s.states.covered}/${s.states.total}, ${s.legs} runs</li>`).join('')}</ul>`}
<table class="verdicts"><tr><th>clause</th><th>statement</th><th>verdict</th><th>runs</th><th>situation reached</th><th>time</th></tr>
${rows}</table>
${level3}
${failures}
${unique.map(renderInterleaved).join('\n')}
</body></html>
`;
}

/** A level-2 or level-3 counterexample: the program, its steps as thread lanes, then one row per atomic step with the model state after it. */
function renderInterleaved(cx: InterleavedCounterexample): string {
  const clause = clauseById(cx.clause);
  const title = clause === undefined ? cx.clause : clauseTitle(clause);
  const steps = cx.steps
    .map((s, i) => `<tr class="${s.diverged ? 'diverged' : ''}" data-step="${i + 1}"><td>${i + 1}</td><td>${esc(s.thread)}</td><td>${esc(s.step)}</td><td>${esc(s.events.map(eventToString).join(', '))}</td><td>${esc(s.stateAfter)}</td></tr>`)
    .join('\n');
  return `<section class="cx" id="cx-L${cx.level}-${cx.clause}" data-clause="${cx.clause}" data-level="${cx.level}">
<h2>${esc(title)} — ${cx.kind === 'violation' ? 'violated' : 'adapter error'} at level ${cx.level}</h2>
<p>${esc(cx.message)}</p>
<p>program: <code>${esc(concurrentProgramToString(cx.program))}</code>; seed <code>${cx.seed}</code>${cx.schedule === undefined ? '' : `, choices <code>[${cx.schedule.join(', ')}]</code>`}. Replay: <code class="replay">${esc(cx.replay)}</code></p>
<p>observed: <code>${esc(cx.observed.map(eventToString).join(', ') || '(none)')}</code>${cx.search === undefined ? '' : `; trace check: ${cx.search.states} pairs searched in ${Math.round(cx.search.ms)} ms`}</p>
<div class="scroll">${renderLanes(cx)}</div>
<table class="steps"><tr><th>#</th><th>thread</th><th>step</th><th>events</th><th>interleaved model state after</th></tr>
${steps}</table></section>`;
}
