import { SingleBar, Presets } from 'cli-progress';
import type { ProgressEvent } from '../conformance/types';

/**
 * Progress on a terminal: one bar per clause. Silent on CI (`CI=true`), when stderr is not a terminal, or
 * when asked to be quiet, so logs and `--json` output stay clean.
 */
export function progressReporter(quiet: boolean): { readonly onProgress: (e: ProgressEvent) => void; readonly stop: () => void } {
  const enabled = !quiet && process.stderr.isTTY === true && process.env.CI !== 'true';
  if (!enabled) return { onProgress: () => {}, stop: () => {} };
  let bar: SingleBar | null = null;
  const stop = (): void => {
    bar?.stop();
    bar = null;
  };
  return {
    stop,
    onProgress: (e) => {
      switch (e.kind) {
        case 'clause-start':
          stop();
          bar = new SingleBar({ format: `${e.clause.padEnd(4)} [{bar}] {value}/{total} runs`, stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
          bar.start(e.runs, 0);
          break;
        case 'run':
          bar?.update(e.done);
          break;
        case 'clause-end':
          stop();
          break;
        case 'level3-start':
          stop();
          bar = new SingleBar({ format: `L3   [{bar}] {value}/{total} concurrent runs`, stream: process.stderr, clearOnComplete: true }, Presets.shades_classic);
          bar.start(e.runs, 0);
          break;
        case 'level3-run':
          bar?.update(e.done);
          break;
        default: {
          const never: never = e;
          throw new Error(`unknown progress event ${JSON.stringify(never)}`);
        }
      }
    },
  };
}
