import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** Discovers entry points from the code itself, so a new one cannot skip the matrix. */

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)],
  );
}

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];

/** A route file's URL pattern: its folder under app/, route groups left out. */
const routePath = (file: string) =>
  '/' + path.dirname(path.relative('app', file)).split(path.sep).filter((s) => !/^\(.*\)$/.test(s)).join('/');

/** "GET /api/v1/users/[id]" for every exported method of every route.ts under app/api. */
export function discoverRoutes(root = 'app/api'): string[] {
  const out: string[] = [];
  for (const file of walk(root).filter((f) => /route\.tsx?$/.test(f))) {
    const source = readFileSync(file, 'utf8');
    const urlPath = routePath(file);
    const exported = new Set<string>();
    for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)) exported.add(m[1]!);
    for (const m of source.matchAll(/export\s*\{([^}]*)\}/g)) {
      for (const part of m[1]!.split(',')) {
        const name = part.trim().split(/\s+as\s+/).pop()!;
        if (METHODS.includes(name)) exported.add(name);
      }
    }
    for (const method of exported) out.push(`${method} ${urlPath}`);
  }
  return out.sort();
}

/** "app/(portal)/t/[tenant]/account/actions.ts#revokeSessionAction" for every server action. */
export function discoverActions(root = 'app'): string[] {
  const out: string[] = [];
  for (const file of walk(root).filter((f) => /\.tsx?$/.test(f))) {
    const source = readFileSync(file, 'utf8');
    if (!/^\s*['"]use server['"]/.test(source)) continue;
    for (const m of source.matchAll(/export\s+(?:const|async function|function)\s+(\w+)/g)) out.push(`${file}#${m[1]}`);
  }
  return out.sort();
}

/** Maps a server action to its id in the production build's manifest. */
export function actionId(key: string): string {
  const manifest = '.next/server/server-reference-manifest.json';
  if (!existsSync(manifest)) throw new Error('No production build: run `next build` first.');
  const [file, name] = key.split('#');
  const { node } = JSON.parse(readFileSync(manifest, 'utf8')) as {
    node: Record<string, { filename: string; exportedName: string }>;
  };
  const found = Object.entries(node).find(([, v]) => v.filename === file && v.exportedName === name);
  if (!found) throw new Error(`Server action ${key} is not in the build manifest`);
  return found[0];
}

/**
 * The permission each entry point names, read from its source (`apiRoute({ permission: ... })`,
 * `tenantAction({ permission: ... })`), keyed like discoverRoutes and discoverActions. An entry
 * point that names none is missing here, and the matrix fails on it.
 */
export function discoverPermissions(): Record<string, string> {
  const out: Record<string, string> = {};
  // Named inline (`{ permission: 'x', ... }`) or through a shared spec (`{ ...spec, ... }` with
  // `const spec = { permission: 'x', ... }` in the same file).
  const named = /export const (\w+) = (?:apiRoute|tenantAction)\(\s*\{\s*(?:permission:\s*'([a-z_.]+)'|\.\.\.(\w+))/g;
  for (const file of walk('app').filter((f) => /(route|actions)\.tsx?$/.test(f))) {
    const source = readFileSync(file, 'utf8');
    const specs = new Map([...source.matchAll(/const (\w+) = \{ permission: '([a-z_.]+)'/g)].map((m) => [m[1]!, m[2]!]));
    for (const m of source.matchAll(named)) {
      const permission = m[2] ?? specs.get(m[3]!);
      if (!permission) continue;
      if (file.endsWith('actions.ts')) out[`${file}#${m[1]}`] = permission;
      else out[`${m[1]} ${routePath(file)}`] = permission;
    }
  }
  return out;
}
