import type { Claim, ClauseId } from '../../spec';
import type { Scenario } from '../arbitraries';
import type { ClauseResult } from '../types';

/**
 * The runs of one clause's search that broke *other* clauses: not this clause's failure, so the search
 * sets them aside and goes on looking for its own violation. Counted per clause they broke, for the report.
 */
export class Discards {
  runs = 0;
  private readonly byClause: Partial<Record<ClauseId, number>> = {};

  note(claims: readonly Claim[]): void {
    this.runs++;
    for (const c of claims) this.byClause[c.clause] = (this.byClause[c.clause] ?? 0) + 1;
  }

  summary(): ClauseResult['discarded'] {
    return this.runs === 0 ? undefined : { runs: this.runs, byClause: { ...this.byClause } };
  }
}

/**
 * Runs that broke a clause, met by *another* clause's search (or by the tour): the first per clause. After
 * every search, a clause that passed its own search but has a run here is checked on that run — a clause
 * fails whenever its statement is broken within the runs made, whichever search made them.
 */
export class Harvest {
  private readonly found = new Map<ClauseId, { readonly scenario: Scenario; readonly by: string }>();

  offer(claims: readonly Claim[], scenario: Scenario, by: string): void {
    for (const c of claims) if (!this.found.has(c.clause)) this.found.set(c.clause, { scenario, by });
  }

  get(clause: ClauseId): { readonly scenario: Scenario; readonly by: string } | undefined {
    return this.found.get(clause);
  }
}
