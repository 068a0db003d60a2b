import type { DriverOp, Event, SessionConfig } from '../../spec';

/** How the adapter answered one operation. */
export type StepReply =
  | { readonly outcome: 'completed'; readonly events: readonly Event[] }
  /** `ms` is the host's per-operation limit; `reported` is set when the adapter itself reported the timeout. */
  | { readonly outcome: 'timeout'; readonly ms: number; readonly reported?: string }
  | { readonly outcome: 'crash'; readonly message: string };

/**
 * The replies to a run's operations, in order, ending early at the first that did not complete; or the
 * adapter is unusable (malformed module, session or events), which stops a certification with exit 2.
 */
export type RunReply =
  | { readonly kind: 'replies'; readonly replies: readonly StepReply[] }
  | { readonly kind: 'malformed'; readonly problem: string };

/** Drives an adapter: one session per run. Implementations: `WorkerHost`, `InProcessHost`. */
export interface Host {
  /** Names the adapter in messages. */
  readonly label: string;
  run(config: SessionConfig, ops: readonly DriverOp[]): Promise<RunReply>;
  dispose(): Promise<void>;
}
