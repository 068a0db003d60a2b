import junit from 'junit-report-builder';
import { clauseById, clauseTitle } from '../../spec';
import { formatCounterexample } from '../counterexample/format';
import { formatInterleavedCounterexample } from '../counterexample/formatInterleaved';
import type { CertificationResult } from '../types';

/** JUnit XML: one test suite for the certification, one test case per clause (fail → failure, error → error). */
export function renderJunit(result: CertificationResult): string {
  const builder = junit.newBuilder();
  const suite = builder.testSuite().name(`cokit certify ${result.adapterRef}`);
  for (const r of result.clauses) {
    const clause = clauseById(r.clause);
    const title = clause ? clauseTitle(clause) : r.clause;
    const tc = suite.testCase().className(`cokit.${result.adapter.profile}`).name(`${title}: ${r.statement}`).time(r.timeMs / 1000);
    switch (r.verdict) {
      case 'pass':
        break;
      case 'fail':
        tc.failure(`${title} violated`, 'ClauseViolation');
        if (r.counterexample !== undefined && clause !== undefined) tc.standardOutput(formatCounterexample(r.counterexample, clause));
        else if (r.interleaving !== undefined && clause !== undefined) tc.standardOutput(formatInterleavedCounterexample(r.interleaving, clause));
        break;
      case 'error':
        tc.error(r.error ?? 'adapter error', 'AdapterError');
        break;
      case 'unsupported':
        tc.skipped();
        break;
      default: {
        const never: never = r.verdict;
        throw new Error(`unknown verdict ${String(never)}`);
      }
    }
  }
  const l3 = result.level3;
  if (l3 !== undefined) {
    const tc = suite.testCase().className(`cokit.${result.adapter.profile}`).name(`level 3: ${l3.runs} concurrent runs on real threads, each trace checked against the interleaved model`).time(l3.timeMs / 1000);
    if (l3.verdict === 'fail') {
      tc.failure(`level 3: ${l3.counterexample?.clause ?? 'a clause'} violated`, 'ClauseViolation');
      const clause = l3.counterexample === undefined ? undefined : clauseById(l3.counterexample.clause);
      if (l3.counterexample !== undefined && clause !== undefined) tc.standardOutput(formatInterleavedCounterexample(l3.counterexample, clause));
    } else if (l3.verdict === 'error') tc.error(l3.error ?? 'adapter error at level 3', 'AdapterError');
  }
  return builder.build();
}
