import { SingleBar, Presets } from 'cli-progress';
import type { ProgressEvent } from '../conformance/types';
import { clauseById } from '../spec';
import { clauseTitle } from '../spec';

/** Seconds between two plain progress lines on long work. */
export const PROGRESS_INTERVAL_MS = 3000;

export interface Progress {
  readonly onProgress: (e: ProgressEvent) => void;
  /** Say what is being done now, for work that has no progress events (a model check, a replay). */
  readonly status: (text: string) => void;
  readonly stop: () => void;
}

/** How progress is shown: bars on a terminal, plain lines on CI or in a log, nothing when quiet. */
export type ProgressStyle = 'bars' | 'lines' | 'none';

export function progressStyle(quiet: boolean, stream: { readonly isTTY?: boolean } = process.stderr, env: NodeJS.ProcessEnv = process.env): ProgressStyle {
  if (quiet) return 'none';
  return stream.isTTY === true && env.CI !== 'true' ? 'bars' : 'lines';
}

const title = (id: string): string => {
  const c = clauseById(id);
  return c === undefined ? id : clauseTitle(c);
};

/** What a progress event says, as a plain line (without the elapsed time). */
export function describeProgress(e: ProgressEvent): string {
  switch (e.kind) {
    case 'clause-start':
      return `${title(e.clause)}: started (${e.runs} runs)`;
    case 'run':
      return `${title(e.clause)}: ${e.done}/${e.runs} runs${e.discarded ? `, ${e.discarded} set aside (another clause's)` : ''}`;
    case 'shrink':
      return `${title(e.clause)}: shrinking a failing run (${e.candidates} candidates tried)`;
    case 'confirm':
      return `${title(e.clause)}: confirming a failing run with a ${e.limitMs} ms limit per operation`;
    case 'clause-end':
      return `${title(e.result.clause)}: ${e.result.verdict.toUpperCase()} after ${e.result.runs} runs in ${(e.result.timeMs / 1000).toFixed(1)} s`;
    case 'tour-start':
      return `transition tour: started (${e.legs} runs)`;
    case 'tour-leg':
      return `transition tour: ${e.done}/${e.legs} runs`;
    case 'level3-start':
      return `level 3: started (${e.runs} concurrent runs at most)`;
    case 'level3-run':
      return `level 3: ${e.done}/${e.runs} concurrent runs`;
    default: {
      const never: never = e;
      throw new Error(`unknown progress event ${JSON.stringify(never)}`);
    }
  }
}

/**
 * Plain progress lines for CI logs and pipes: a line when a clause starts or ends, and every
 * `PROGRESS_INTERVAL_MS` a line with what is under way (clause, runs done, what is being shrunk or
 * confirmed) and the time elapsed, so long work never looks like a hang of cokit.
 */
export function progressLines(write: (line: string) => void, intervalMs = PROGRESS_INTERVAL_MS): Progress {
  const started = Date.now();
  let current: string | null = null;
  const stamp = (text: string): void => write(`cokit: [${((Date.now() - started) / 1000).toFixed(1)} s] ${text}\n`);
  const timer = setInterval(() => {
    if (current !== null) stamp(current);
  }, intervalMs);
  timer.unref();
  return {
    onProgress: (e) => {
      const text = describeProgress(e);
      if (e.kind === 'clause-start' || e.kind === 'clause-end' || e.kind === 'tour-start' || e.kind === 'level3-start') stamp(text);
      current = e.kind === 'clause-end' ? null : text;
    },
    status: (text) => {
      if (current !== text) stamp(text);
      current = text;
    },
    stop: () => clearInterval(timer),
  };
}

/** Progress bars on a terminal: one per clause. */
function progressBars(): Progress {
  let bar: SingleBar | null = null;
  const stop = (): void => {
    bar?.stop();
    bar = null;
  };
  const open = (format: string, total: number): void => {
    stop();
    bar = new SingleBar({ format, stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
    bar.start(total, 0);
  };
  return {
    stop,
    status: () => {},
    onProgress: (e) => {
      if (e.kind === 'clause-start') open(`${e.clause.padEnd(4)} [{bar}] {value}/{total} runs`, e.runs);
      else if (e.kind === 'run' || e.kind === 'level3-run' || e.kind === 'tour-leg') bar?.update(e.done);
      else if (e.kind === 'clause-end') stop();
      else if (e.kind === 'level3-start') open('L3   [{bar}] {value}/{total} concurrent runs', e.runs);
      else if (e.kind === 'tour-start') open('tour [{bar}] {value}/{total} runs', e.legs);
    },
  };
}

/**
 * Progress on stderr: bars on a terminal; plain lines every few seconds when stderr is not a terminal or
 * `CI=true` (a CI log), so long work shows it is alive; nothing when asked to be quiet (or for `--json`).
 */
export function progressReporter(quiet: boolean): Progress {
  const style = progressStyle(quiet);
  if (style === 'none') return { onProgress: () => {}, status: () => {}, stop: () => {} };
  return style === 'bars' ? progressBars() : progressLines((line) => process.stderr.write(line));
}
