/** A coroutine, numbered from 0 in the order of its `create`. Printed as `c0`, `c1`, … */
export type CoroutineId = number;
/** An AioContext, numbered from 0 up to the session's `contexts - 1`. Printed as `x0`, `x1`, … */
export type ContextId = number;

export const coName = (c: CoroutineId): string => `c${c}`;
export const ctxName = (x: ContextId): string => `x${x}`;
