import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { packageRoot } from './engine/paths';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

/** sha256 over the spec's sources (paths and contents, sorted): names the spec a report was judged by. */
export function specHash(): string {
  const root = packageRoot();
  const h = createHash('sha256');
  for (const file of sources(join(root, 'spec'))) {
    h.update(relative(root, file).split('\\').join('/'));
    h.update('\0');
    h.update(readFileSync(file));
    h.update('\0');
  }
  return `sha256:${h.digest('hex')}`;
}

export function kitVersion(): { readonly name: string; readonly version: string } {
  const pj = JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { name: string; version: string };
  return { name: pj.name, version: pj.version };
}
