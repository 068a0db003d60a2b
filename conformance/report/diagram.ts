import { coName, ctxName, eventToString, opToString, type Event } from '../../spec';
import type { Counterexample, StepRecord } from '../types';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LANE_W = 120;
const ROW_H = 22;
const LEFT = 20;
const TOP = 40;

/** Who an arrow starts or ends at: the driver, a context's thread/BH, or a coroutine. */
type Lane = { readonly kind: 'driver' } | { readonly kind: 'ctx'; readonly id: number } | { readonly kind: 'co'; readonly id: number };

interface Row {
  readonly step: number;
  readonly text: string;
  readonly from: Lane;
  readonly to: Lane;
  readonly kind: 'op' | 'schedule' | 'direct' | 'bh' | 'yield' | 'terminate' | 'error';
  readonly diverged: boolean;
  readonly co?: number;
}

/** Arrows for one step's events: the stack of running coroutines tells who each arrow returns to. */
function rowsOf(s: StepRecord, events: readonly Event[]): Row[] {
  const rows: Row[] = [];
  const driver: Lane = { kind: 'driver' };
  const base: Lane = s.op.op === 'poll' ? { kind: 'ctx', id: s.op.ctx } : driver;
  const opTarget: Lane = s.op.op === 'schedule' ? { kind: 'ctx', id: s.op.ctx } : s.op.op === 'poll' ? { kind: 'ctx', id: s.op.ctx } : s.op.op === 'create' ? { kind: 'co', id: s.op.co } : { kind: 'co', id: s.op.co };
  rows.push({ step: s.index, text: opToString(s.op), from: driver, to: opTarget, kind: s.op.op === 'schedule' ? 'schedule' : 'op', diverged: s.diverged });
  const stack: Lane[] = [];
  for (const e of events) {
    const top: Lane = stack[stack.length - 1] ?? base;
    switch (e.ev) {
      case 'entered':
        rows.push({ step: s.index, text: eventToString(e), from: e.by === 'bh' ? { kind: 'ctx', id: e.ctx } : top, to: { kind: 'co', id: e.co }, kind: e.by === 'bh' ? 'bh' : 'direct', diverged: s.diverged, co: e.co });
        stack.push({ kind: 'co', id: e.co });
        break;
      case 'yielded':
      case 'terminated': {
        stack.pop();
        rows.push({ step: s.index, text: eventToString(e), from: { kind: 'co', id: e.co }, to: stack[stack.length - 1] ?? base, kind: e.ev === 'yielded' ? 'yield' : 'terminate', diverged: s.diverged, co: e.co });
        break;
      }
      case 'error':
      case 'abort':
        rows.push({ step: s.index, text: eventToString(e), from: top, to: { kind: 'co', id: e.co }, kind: 'error', diverged: s.diverged, co: e.co });
        break;
      default: {
        const never: never = e;
        throw new Error(`unknown event ${JSON.stringify(never)}`);
      }
    }
  }
  return rows;
}

const COLOURS: Readonly<Record<Row['kind'], string>> = { op: '#555', schedule: '#7b4fd6', direct: '#1f6feb', bh: '#0a8f5a', yield: '#999', terminate: '#333', error: '#d1242f' };

/**
 * The counterexample as a sequence diagram in inline SVG: a lane for the driver, one per context (its thread
 * and BH) and one per coroutine; an arrow per operation and event, in step order. The diverging step draws
 * what the adapter did and is highlighted; each step's spec state is a tooltip and is printed beside it.
 */
export function renderDiagram(cx: Counterexample): string {
  const lanes: Lane[] = [{ kind: 'driver' }];
  for (let x = 0; x < cx.config.contexts; x++) lanes.push({ kind: 'ctx', id: x });
  for (let c = 0; c < cx.config.coroutines; c++) lanes.push({ kind: 'co', id: c });
  const laneX = (l: Lane): number => LEFT + LANE_W / 2 + LANE_W * lanes.findIndex((m) => m.kind === l.kind && (m.kind === 'driver' || (l.kind !== 'driver' && m.id === l.id)));
  const laneName = (l: Lane): string => (l.kind === 'driver' ? 'driver' : l.kind === 'ctx' ? `${ctxName(l.id)} (BH)` : coName(l.id));
  const steps = cx.steps.filter((s) => s.op.op !== 'create' || s.diverged);
  const rows = steps.flatMap((s) => rowsOf(s, s.outcome === 'completed' ? s.observed : []));
  const width = LEFT * 2 + LANE_W * lanes.length + 640;
  const height = TOP + ROW_H * (rows.length + 4);
  const out: string[] = [`<svg xmlns="http://www.w3.org/2000/svg" class="diagram" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, monospace" font-size="11">`];
  out.push('<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="context-stroke"/></marker></defs>');
  for (const l of lanes) {
    const x = laneX(l);
    out.push(`<text x="${x}" y="20" text-anchor="middle" font-weight="bold">${esc(laneName(l))}</text><line x1="${x}" y1="28" x2="${x}" y2="${height - 10}" stroke="#ccc" stroke-dasharray="3,3"/>`);
  }
  const stateX = LEFT + LANE_W * lanes.length + 10;
  let y = TOP;
  let lastStep = -1;
  for (const r of rows) {
    y += ROW_H;
    const step = cx.steps.find((s) => s.index === r.step);
    if (r.step !== lastStep && step !== undefined) {
      lastStep = r.step;
      if (step.diverged) out.push(`<rect x="${LEFT - 10}" y="${y - 20}" width="${width - LEFT}" height="${ROW_H * rows.filter((q) => q.step === r.step).length + 9}" fill="#fff1f0" stroke="#d1242f" data-diverged="true"/>`);
      const expected = step.diverged ? ` | expected: ${step.expected.map(eventToString).join(', ') || '(none)'} | observed: ${step.outcome === 'completed' ? step.observed.map(eventToString).join(', ') || '(none)' : `(${step.outcome})`}` : '';
      if (step.diverged) {
        const obs = step.outcome === 'completed' ? step.observed.map(eventToString).join(', ') || '(none)' : `(${step.outcome})`;
        out.push(`<text x="${stateX}" y="${y + ROW_H}" fill="#0a8f5a" data-expected-for="${r.step}">expected: ${esc(step.expected.map(eventToString).join(', ') || '(none)')}</text>`);
        out.push(`<text x="${stateX}" y="${y + 2 * ROW_H}" fill="#d1242f" data-observed-for="${r.step}">observed: ${esc(obs)}</text>`);
      }
      out.push(`<text x="${stateX}" y="${y}" fill="#444" data-state-for="${r.step}"><title>${esc(`state after #${r.step}: ${step.stateAfter}${expected}`)}</title>#${r.step} ${esc(step.stateAfter.slice(0, 80))}${step.stateAfter.length > 80 ? '…' : ''}</text>`);
    }
    const x1 = laneX(r.from);
    const x2 = laneX(r.to);
    const colour = COLOURS[r.kind];
    const attrs = `data-step="${r.step}" data-event="${r.kind}"${r.co !== undefined ? ` data-co="${r.co}"` : ''}${r.diverged ? ' data-diverged="true"' : ''}`;
    if (x1 === x2) {
      out.push(`<g ${attrs}><circle cx="${x1}" cy="${y - 4}" r="4" fill="${colour}"/><text x="${x1 + 8}" y="${y}" fill="${colour}">${esc(r.text)}</text></g>`);
    } else {
      const dash = r.kind === 'yield' || r.kind === 'terminate' ? ' stroke-dasharray="4,2"' : '';
      out.push(`<g ${attrs}><line x1="${x1}" y1="${y - 4}" x2="${x2}" y2="${y - 4}" stroke="${colour}" stroke-width="1.5"${dash} marker-end="url(#arrow)"/><text x="${(x1 + x2) / 2}" y="${y - 11}" text-anchor="middle" fill="${colour}" stroke="#fff" stroke-width="3" paint-order="stroke">${esc(r.text)}</text></g>`);
    }
  }
  out.push('</svg>');
  return out.join('\n');
}
