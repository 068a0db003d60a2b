/**
 * `cokit/jest`: certification inside a user's own jest run. `describeClause(id, { adapter })` registers one
 * `describe` per clause for the adapter module; `conformanceSuite({ adapter })` registers all of them.
 */
import { CLAUSES } from './spec';
import { describeClause, expectClauseFails, runClause, type ClauseSuiteOptions } from './conformance/jest/describeClause';

export { describeClause, expectClauseFails, runClause, type ClauseSuiteOptions };

/** One `describe` per active clause of the registry, for the user's adapter module. */
export function conformanceSuite(options: ClauseSuiteOptions): void {
  for (const clause of CLAUSES) if (clause.status === 'active') describeClause(clause.id, options);
}
