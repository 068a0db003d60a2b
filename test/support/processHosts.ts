import { InProcessHost } from '../../conformance/engine/InProcessHost';
import { createProcessAdapter, type ProcessAdapter } from '../../adapters/process/adapter';

/**
 * Hosts over process adapters for a test file: `host(argv)` starts one (500 ms per operation, 1.5 s per
 * concurrent run) and `disposeAll()` (in `afterAll`) stops every child it started.
 */
export function processHosts(): { host: (argv: string[]) => InProcessHost; disposeAll: () => void } {
  const adapters: ProcessAdapter[] = [];
  return {
    host(argv: string[]): InProcessHost {
      const a = createProcessAdapter(argv, { opTimeoutMs: 500, concurrentTimeoutMs: 1500 });
      adapters.push(a);
      return new InProcessHost(a, argv.join(' '), 500);
    },
    disposeAll: () => adapters.forEach((a) => a.dispose()),
  };
}
