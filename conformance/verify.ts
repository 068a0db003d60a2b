import { readFileSync } from 'node:fs';
import { certify, type AdapterSource } from './certify';
import { recordedSource } from './source';
import { REPORT_FORMAT, reportDigest, type ReportFile } from './report/json';
import { kitVersion, specHash } from './specHash';
import type { ClauseResult, ProgressEvent } from './types';

/** One clause's verdict as recorded and as re-run. */
export interface VerdictCheck {
  readonly clause: string;
  readonly recorded: ClauseResult['verdict'];
  readonly rerun: ClauseResult['verdict'];
}

export type Verification =
  | { readonly kind: 'confirmed'; readonly checks: readonly VerdictCheck[] }
  | { readonly kind: 'refuted'; readonly checks: readonly VerdictCheck[] }
  /** The report cannot be verified at all: unreadable, edited, or made by another kit or spec. */
  | { readonly kind: 'refused'; readonly reason: string };

/** Read report.json and check it is untouched and was produced by this kit and spec. */
export function readReport(path: string): ReportFile | string {
  let report: ReportFile;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as ReportFile;
  } catch (e) {
    return `${path} is not a readable JSON report: ${e instanceof Error ? e.message : String(e)}`;
  }
  if (typeof report !== 'object' || report === null || report.format !== REPORT_FORMAT) return `${path}: not a cokit report of format ${REPORT_FORMAT}`;
  const { digest, ...body } = report;
  if (typeof digest !== 'string' || reportDigest(body) !== digest) {
    return `${path} was edited after cokit wrote it (its digest does not match its content): refusing to verify it`;
  }
  const kit = kitVersion();
  if (report.kit?.version !== kit.version) return `${path} was written by cokit ${report.kit?.version}, this is cokit ${kit.version}: verify it with that version`;
  if (report.specHash !== specHash()) return `${path} was judged by another version of the spec (${report.specHash}); this kit's spec is ${specHash()}`;
  return report;
}

/**
 * Re-run exactly what a report records (seed, runs, timeout, clauses) and compare the verdicts: against
 * `source`, or the adapter the report names (a module, or the `--cmd` command line it was certified with).
 */
export async function verifyReport(path: string, source?: AdapterSource, onProgress?: (e: ProgressEvent) => void): Promise<Verification> {
  const report = readReport(path);
  if (typeof report === 'string') return { kind: 'refused', reason: report };
  const rerun = await certify(source ?? recordedSource(report.adapterRef, report.adapterKind), report.options, onProgress);
  if ('kind' in rerun) return { kind: 'refused', reason: `the adapter is unusable: ${rerun.problem}` };
  if (rerun.adapter.name !== report.adapter.name) {
    return { kind: 'refused', reason: `the report is about adapter '${report.adapter.name}', the one given is '${rerun.adapter.name}'` };
  }
  const checks = report.clauses.map((c) => ({ clause: c.clause, recorded: c.verdict, rerun: rerun.clauses.find((r) => r.clause === c.clause)?.verdict ?? 'error' }));
  return { kind: checks.every((c) => c.recorded === c.rerun) ? 'confirmed' : 'refuted', checks };
}
