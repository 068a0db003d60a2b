import { eventToString } from '../../spec';
import type { InterleavedCounterexample } from '../types';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const COL_W = 250;
const ROW_H = 40;
const LEFT = 44;
const TOP = 44;
/** Characters that fit in a column at the diagram's font size; longer texts are cut, whole in their tooltip. */
const FIT = 36;

const cut = (s: string): string => (s.length > FIT ? `${s.slice(0, FIT - 1)}…` : s);

/** The threads of a run as columns: each context's BH thread, then the driver threads, then any other seen. */
function threadColumns(cx: InterleavedCounterexample): string[] {
  const columns = [...Array.from({ length: cx.program.contexts }, (_, x) => `bh@x${x}`), ...cx.program.drivers.map((_, d) => `T${d}`)];
  for (const s of cx.steps) if (!columns.includes(s.thread)) columns.push(s.thread);
  return columns;
}

/**
 * A level-2 or level-3 counterexample as thread lanes in inline SVG: a column per thread (each BH and driver
 * thread), a row per atomic step in the order they ran, the step drawn in its thread's column with the events
 * it caused; the violating step is marked. Each step's model state is its tooltip (the table below prints it).
 */
export function renderLanes(cx: InterleavedCounterexample): string {
  const columns = threadColumns(cx);
  const colX = (thread: string): number => LEFT + COL_W * columns.indexOf(thread);
  const width = LEFT + COL_W * columns.length + 10;
  const height = TOP + ROW_H * cx.steps.length + 10;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="lanes" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, monospace" font-size="11">`,
  ];
  for (const t of columns) {
    const x = colX(t) + COL_W / 2;
    out.push(`<text x="${x}" y="20" text-anchor="middle" font-weight="bold" data-lane="${esc(t)}">${esc(t)}</text><line x1="${x}" y1="28" x2="${x}" y2="${height - 4}" stroke="#d0d7de" stroke-dasharray="3,3"/>`);
  }
  cx.steps.forEach((s, i) => {
    const y = TOP + ROW_H * i;
    const x = colX(s.thread);
    const label = s.step.startsWith(`${s.thread} `) ? s.step.slice(s.thread.length + 1) : s.step;
    const events = s.events.map(eventToString).join(', ');
    const stroke = s.diverged ? '#d1242f' : '#8c959f';
    const fill = s.diverged ? '#fff1f0' : '#f6f8fa';
    out.push(`<g data-step="${i + 1}" data-thread="${esc(s.thread)}"${s.diverged ? ' data-diverged="true"' : ''}><title>${esc(`${i + 1} ${s.step}${events === '' ? '' : ` → ${events}`}\nstate: ${s.stateAfter}`)}</title>`);
    if (s.diverged) out.push(`<rect x="2" y="${y - 2}" width="${width - 4}" height="${ROW_H - 2}" fill="#fff1f0" stroke="none"/>`);
    out.push(`<text x="${LEFT - 8}" y="${y + 15}" text-anchor="end" fill="${s.diverged ? '#d1242f' : '#57606a'}">${s.diverged ? '✗ ' : ''}${i + 1}</text>`);
    out.push(`<rect x="${x + 6}" y="${y}" width="${COL_W - 12}" height="${ROW_H - 6}" rx="4" fill="${fill}" stroke="${stroke}"${s.diverged ? ' stroke-width="2"' : ''}/>`);
    out.push(`<text x="${x + 12}" y="${y + 14}" fill="#1f2328">${esc(cut(label))}</text>`);
    if (events !== '') out.push(`<text x="${x + 12}" y="${y + 28}" fill="#0a6b44">${esc(cut(`→ ${events}`))}</text>`);
    out.push('</g>');
  });
  out.push('</svg>');
  return out.join('\n');
}
