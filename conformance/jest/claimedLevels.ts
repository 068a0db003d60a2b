/**
 * The levels an adapter claims, learnt before jest registers its tests: jest wants to know at registration
 * whether a test runs or is skipped, and an adapter's meta is only known once its worker or child has started.
 * So a short-lived node process (this file run as a script) opens the adapter the way certify does and prints
 * its levels; the suite waits for it. Run as a script: `node claimedLevels.js '<source as JSON>'`.
 */
import { spawnSync } from 'node:child_process';
import type { Level } from '../../spec';
import { distFile } from '../engine/paths';
import type { AdapterSource } from '../source';

/** What a probe prints on stdout: the claimed levels, or why the adapter is unusable. */
type ProbeAnswer = { readonly levels: readonly Level[] } | { readonly problem: string };

/** The adapter's claimed levels, or null when they cannot be learnt (the test then runs and reports why). */
export function claimedLevels(source: AdapterSource): readonly Level[] | null {
  if (source.kind === 'object') return source.adapter.meta.levels;
  const script = distFile('conformance/jest/claimedLevels.js');
  if (typeof script !== 'string') return null;
  const r = spawnSync(process.execPath, [script, JSON.stringify(source)], { encoding: 'utf8', timeout: 60_000 });
  try {
    const answer = JSON.parse(r.stdout) as ProbeAnswer;
    return 'levels' in answer ? answer.levels : null;
  } catch {
    return null;
  }
}

async function probe(source: AdapterSource): Promise<ProbeAnswer> {
  const { openHost } = await import('../certify');
  const opened = await openHost(source, 1000);
  if ('kind' in opened) return { problem: opened.problem };
  await opened.host.dispose();
  return { levels: opened.meta.levels };
}

if (require.main === module) {
  void probe(JSON.parse(process.argv[2] ?? 'null') as AdapterSource).then((answer) => {
    process.stdout.write(JSON.stringify(answer));
    process.exit(0);
  });
}
