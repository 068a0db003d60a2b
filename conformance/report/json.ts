import { createHash } from 'node:crypto';
import type { CertificationResult } from '../types';

/** The version of report.json's layout; bump when a field changes meaning. */
export const REPORT_FORMAT = 1;

/** report.json as written: the result, its layout version, and a digest of both. */
export interface ReportFile extends CertificationResult {
  readonly format: number;
  /** sha256 of the report's canonical JSON without this field: an edited report no longer matches it. */
  readonly digest: string;
}

/** JSON with object keys sorted at every level, so the digest does not depend on key order. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function reportDigest(report: Omit<ReportFile, 'digest'>): string {
  return `sha256:${createHash('sha256').update(canonicalJson(report)).digest('hex')}`;
}

/** report.json: everything needed to re-run the certification and to read its verdicts. */
export function renderJson(result: CertificationResult): string {
  const body = { format: REPORT_FORMAT, ...result };
  return `${JSON.stringify({ ...body, digest: reportDigest(body) }, null, 2)}\n`;
}
