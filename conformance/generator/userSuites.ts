import type { Clause } from '../../spec/clauses/Clause';
import { CLAUSES } from '../../spec/clauses/registry';
import { renderUserSuite, suiteFileName, type UserTarget } from './renderSuite';

/**
 * The suites `cokit init` writes into a user's repository, by file name: one per active clause of the
 * compiled registry (an installed cokit has no sources to read). `clauses` narrows them (a profile, say).
 */
export function renderUserSuites(target: UserTarget, clauses: readonly Clause[] = CLAUSES): Map<string, string> {
  const active = clauses.filter((c) => c.status === 'active').sort((a, b) => a.id.localeCompare(b.id));
  return new Map(active.map((c) => [suiteFileName(c, target), renderUserSuite(c, target)]));
}
