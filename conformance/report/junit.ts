import junit from 'junit-report-builder';
import { clauseById, clauseTitle } from '../../spec';
import { formatCounterexample } from '../counterexample/format';
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
  return builder.build();
}
