/**
 * The worker thread that hosts an adapter module for `WorkerHost`. Messages in: `{type:'run', id, config,
 * ops}`. Messages out: `{type:'loaded'}` once the module is loaded, `{type:'opened', id}` when `open()`
 * returned, `{type:'applied', id, value}` with what each operation returned (validated by the host),
 * `{type:'step', id, reply}` for a throw, `{type:'done', id}`, or
 * `{type:'malformed', id, problem}`. An operation that never returns is ended by the host terminating us.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { pathToFileURL } from 'node:url';
import type { ConcurrentProgram, DriverOp, SessionConfig } from '../../spec';
import { driveInterleaved } from '../level2/drive';
import { checkAdapter, checkSession, type Adapter } from '../../adapters/contract';

interface RunMessage {
  readonly type: 'run';
  readonly id: number;
  readonly config: SessionConfig;
  readonly ops: readonly DriverOp[];
}

interface InterleavedMessage {
  readonly type: 'interleaved';
  readonly id: number;
  readonly program: ConcurrentProgram;
  readonly choices: readonly number[];
  readonly maxSteps: number;
}

interface ConcurrentMessage {
  readonly type: 'concurrent';
  readonly id: number;
  readonly program: ConcurrentProgram;
  readonly seed: number;
}

interface DescribeMessage {
  readonly type: 'describe';
  readonly id: number;
}

const port = parentPort;
if (port === null) throw new Error('internal: worker.ts must run in a worker thread');
const modulePath = (workerData as { modulePath: string }).modulePath;
const errorText = (e: unknown): string => (e instanceof Error ? e.message : String(e));

/** A real dynamic import: under CommonJS TypeScript compiles `import()` to `require`, which cannot load ES modules. */
const importModule = new Function('url', 'return import(url)') as (url: string) => Promise<unknown>;

/** tsx's CommonJS API (an optional peer): `require(id, fromFile)` compiles and loads one TypeScript module. */
interface TsxApi {
  require(id: string, fromFile: string): unknown;
}

/** tsx, as installed beside the user's project (the working directory) or beside cokit; null when absent. */
function tsx(): TsxApi | null {
  try {
    return require(require.resolve('tsx/cjs/api', { paths: [process.cwd(), __dirname] })) as TsxApi;
  } catch {
    return null;
  }
}

/**
 * `require` a CommonJS module; an ES module (`.mjs`, or `.js` in a `"type": "module"` package) is imported;
 * a TypeScript file (`.ts`, `.mts`, `.cts`) is loaded through tsx when it is installed.
 */
async function loadModule(file: string): Promise<unknown> {
  if (/\.[cm]?ts$/.test(file)) {
    const api = tsx();
    if (api === null) throw new Error('a TypeScript adapter needs tsx to run without a build step: `npm install --save-dev tsx` (cokit then loads it through tsx), or compile it (tsc) and pass the .js file');
    return api.require(file, file);
  }
  if (file.endsWith('.mjs')) return importModule(pathToFileURL(file).href);
  try {
    return require(file) as unknown;
  } catch (e) {
    if ((e as { code?: unknown }).code === 'ERR_REQUIRE_ESM') return importModule(pathToFileURL(file).href);
    throw e;
  }
}

/**
 * Load the module and pick its adapter. Only `describe` (the host's first request) validates it whole
 * (`checkAdapter`, meta schema and all); a replacement worker, started after a hang, trusts what its
 * predecessor described and starts without loading the schema validator.
 */
async function load(): Promise<Adapter | string> {
  let mod: unknown;
  try {
    mod = await loadModule(modulePath);
  } catch (e) {
    return `${modulePath}: the module could not be loaded: ${errorText(e)}`;
  }
  const m = mod as { adapter?: unknown; default?: unknown; meta?: unknown; open?: unknown };
  // `exports.adapter`, an ES default export (or a default holding `adapter`), or the CommonJS convention
  // `module.exports = adapter`: the module itself, when it has the adapter's own members.
  const itself = m.meta !== undefined || m.open !== undefined ? m : undefined;
  const candidate = m.adapter ?? (m.default as { adapter?: unknown } | undefined)?.adapter ?? m.default ?? itself;
  if (candidate === undefined) {
    return `${modulePath}: the module exports no adapter: \`module.exports = adapter\`, \`exports.adapter = adapter\` or an ES default export`;
  }
  if (typeof candidate === 'object' && candidate !== null && typeof (candidate as { open?: unknown }).open === 'function') return candidate as Adapter;
  const checked = checkAdapter(candidate, modulePath);
  return checked.ok ? checked.adapter : checked.problem;
}

/** The adapter's own report of a fault (crash, timeout, protocol) among what `apply` returned: the run ends there. */
const reportsFault = (value: unknown): boolean =>
  !Array.isArray(value) || value.some((e: unknown) => typeof e === 'object' && e !== null && (e as { ev?: unknown }).ev === 'error' && ['crash', 'timeout', 'protocol'].includes(String((e as { kind?: unknown }).kind)));

const loaded = load();
// The host's limits for a request start once the module is loaded (loading gets a grace of its own).
void loaded.then(() => port.postMessage({ type: 'loaded' }));

port.on('message', (msg: RunMessage | DescribeMessage | InterleavedMessage | ConcurrentMessage) => {
  if (msg.type === 'describe') void describe(msg.id);
  else if (msg.type === 'interleaved') void interleaved(msg);
  else if (msg.type === 'concurrent') void concurrent(msg);
  else void run(msg);
});

/** A level-3 run: the adapter's own threads run the program; the events (or the throw) go back as they are. */
async function concurrent(msg: ConcurrentMessage): Promise<void> {
  const post = (m: object): void => port?.postMessage({ id: msg.id, ...m });
  const adapter = await loaded;
  if (typeof adapter === 'string') return post({ type: 'malformed', problem: adapter });
  if (adapter.runConcurrent === undefined) return post({ type: 'malformed', problem: `${modulePath}: the adapter has no 'runConcurrent(program, seed)' function (level 3)` });
  try {
    post({ type: 'concurrent', events: await adapter.runConcurrent(msg.program, msg.seed) });
  } catch (e) {
    post({ type: 'concurrent-threw', message: errorText(e) });
  }
}

/**
 * A level-2 run, driven here: the host hears a `tick` after each step (so a step that never returns is a
 * hang it can end by terminating us) and the whole reply at the end.
 */
async function interleaved(msg: InterleavedMessage): Promise<void> {
  const post = (m: object): void => port?.postMessage({ id: msg.id, ...m });
  const adapter = await loaded;
  if (typeof adapter === 'string') return post({ type: 'malformed', problem: adapter });
  // A whole run (runInterleaved) asks for the time of several operations: the host re-arms its timer for them.
  const race = async <T>(work: () => T | Promise<T>, operations?: number) => {
    if (operations !== undefined) post({ type: 'tick', operations });
    try {
      return { kind: 'value' as const, value: await work() };
    } catch (e) {
      return { kind: 'throw' as const, message: errorText(e) };
    }
  };
  const reply = await driveInterleaved(adapter, modulePath, msg.program, msg.choices, msg.maxSteps, race, () => post({ type: 'tick' }));
  post({ type: 'interleaved', reply });
}

/** Get the adapter ready (its optional `ready()`), then report its meta; or why the module is not usable. */
async function describe(id: number): Promise<void> {
  const picked = await loaded;
  if (typeof picked === 'string') return void port?.postMessage({ id, type: 'malformed', problem: picked });
  const checked = checkAdapter(picked, modulePath);
  if (!checked.ok) return void port?.postMessage({ id, type: 'malformed', problem: checked.problem });
  const adapter = checked.adapter;
  let problem: string | null = null;
  try {
    problem = adapter.ready === undefined ? null : await adapter.ready();
  } catch (e) {
    problem = `ready() threw: ${errorText(e)}`;
  }
  if (problem !== null) return void port?.postMessage({ id, type: 'malformed', problem: `${modulePath}: ${problem}` });
  port?.postMessage({ id, type: 'meta', meta: adapter.meta });
}

async function run(msg: RunMessage): Promise<void> {
  const post = (m: object): void => port?.postMessage({ id: msg.id, ...m });
  const adapter = await loaded;
  if (typeof adapter === 'string') return post({ type: 'malformed', problem: adapter });
  let session;
  try {
    session = await adapter.open(msg.config);
  } catch (e) {
    return post({ type: 'step', reply: { outcome: 'crash', message: `open() threw: ${errorText(e)}` } });
  }
  const bad = checkSession(session, modulePath);
  if (bad !== null) return post({ type: 'malformed', problem: bad });
  post({ type: 'opened' });
  for (const op of msg.ops) {
    let value: unknown;
    try {
      value = await session.apply(op);
    } catch (e) {
      return post({ type: 'step', reply: { outcome: 'crash', message: `apply() threw: ${errorText(e)}` } });
    }
    // The host validates the events (the schema validator stays out of this thread).
    post({ type: 'applied', value });
    if (reportsFault(value)) return post({ type: 'done' });
  }
  try {
    await session.close();
  } catch (e) {
    return post({ type: 'step', reply: { outcome: 'crash', message: `close() threw: ${errorText(e)}` } });
  }
  post({ type: 'done' });
}
