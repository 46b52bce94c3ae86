import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file: string): string => fs.readFileSync(path.join(ROOT, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as {
  engines: { node: string };
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  license?: string;
};

const parse = (v: string): number[] => v.split('.').map((n) => Number(n));
const compare = (a: number[], b: number[]): number => {
  for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

/** Whether `version` satisfies a range made of `^x.y.z` and `>=x.y.z` parts joined by `||`. */
function satisfies(version: string, range: string): boolean {
  const v = parse(version);
  return range.split('||').some((part) => {
    const p = part.trim();
    if (p.startsWith('>=')) return compare(v, parse(p.slice(2))) >= 0;
    if (p.startsWith('^')) {
      const min = parse(p.slice(1));
      return v[0] === min[0] && compare(v, min) >= 0;
    }
    throw new Error(`range part not understood: ${p}`);
  });
}

describe('supported Node versions', () => {
  it('engines accept Node 20.19, 22 LTS and 24 LTS, and refuse what the dependencies cannot run on', () => {
    const range = pkg.engines.node;
    for (const ok of ['20.19.0', '20.20.2', '22.12.0', '22.20.0', '24.0.0', '24.21.0']) expect(satisfies(ok, range), ok).toBe(true);
    // Vite needs 20.19+ or 22.12+.
    for (const no of ['18.20.0', '20.18.0', '21.7.0', '22.11.0']) expect(satisfies(no, range), no).toBe(false);
  });

  it('.nvmrc names the newest LTS and @types/node the oldest LTS the code may rely on', () => {
    const nvmrc = read('.nvmrc').trim();
    expect(nvmrc).toBe('24');
    expect(satisfies(`${nvmrc}.0.0`, pkg.engines.node)).toBe(true);
    expect(pkg.devDependencies['@types/node']).toMatch(/^\^22\./);
  });

  it('each Node has a SQLite driver that runs on it', () => {
    // better-sqlite3 13 is prebuilt for Node-API (22+); 12, compiled at install, serves Node 20.
    expect(pkg.dependencies['better-sqlite3']).toMatch(/^\^13\./);
    expect(pkg.optionalDependencies?.['better-sqlite3-node20']).toMatch(/^npm:better-sqlite3@\^12\./);
  });

  it('CI runs the suite on the newer LTS lines from the npm registry', () => {
    const ci = read('.ci/run');
    expect(ci).toMatch(/CI_NODE_VERSIONS-24 22/);
    expect(ci).toMatch(/npm install --prefix "\$prefix"[^\n]*"node@\$major"/);
  });
});

describe('housekeeping', () => {
  it('a licence that package.json names, a security policy, a changelog and editor settings', () => {
    expect(pkg.license).toBe('MIT');
    expect(read('LICENSE')).toMatch(/^MIT License/);
    const security = read('SECURITY.md');
    expect(security).toMatch(/## Reporting a vulnerability/);
    expect(security).toMatch(/Do not open a public issue/);
    expect(security).toMatch(/## What Conference Board protects/);
    expect(read('CHANGELOG.md')).toMatch(/## \[Unreleased\]/);
    const editorconfig = read('.editorconfig');
    expect(editorconfig).toMatch(/^root = true$/m);
    expect(editorconfig).toMatch(/^indent_size = 2$/m);
    expect(editorconfig).toMatch(/^end_of_line = lf$/m);
  });
});
