import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { guides, guidesFor, headingsOf, searchGuides, screenshotsOf, targetsOf, titleOf, TENANT_PLACEHOLDER } from '@/lib/help/guides';
import { allTenantsTopics, helpHref, helpTopics } from '@/lib/help/topics';
import { newMessageId, newWebhookSecret, signatureHeaders } from '@/lib/webhooks/sign';

const GUIDES = path.join('docs', 'guides');
const read = (slug: string) => readFileSync(path.join(GUIDES, `${slug}.md`), 'utf8');
const docs = guides.map((meta) => ({ meta, markdown: read(meta.slug) }));
const anchors = new Map<string, Set<string>>(docs.map((d) => [d.meta.slug, new Set(headingsOf(d.markdown).map((h) => h.id))]));

/** Every file under a folder, relative paths. */
const files = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));

/** The app's routes as segment patterns (route groups dropped), for pages and for route handlers. */
function routes(kind: 'page.tsx' | 'route.ts'): string[][] {
  return files('app')
    .filter((f) => path.basename(f) === kind)
    .map((f) => path.dirname(f).split(path.sep).slice(1).filter((s) => !/^\(.*\)$/.test(s)));
}
const pages = routes('page.tsx');
const handlers = routes('route.ts');

function matches(pattern: string[], segments: string[]): boolean {
  for (const [i, p] of pattern.entries()) {
    if (/^\[\.\.\..+\]$/.test(p)) return segments.length > i;
    if (i >= segments.length) return false;
    if (!/^\[.+\]$/.test(p) && p !== segments[i]) return false;
  }
  return pattern.length === segments.length;
}

/** Why a link of a guide leads nowhere, or null when it lands. */
function brokenLink(slug: string, target: string): string | null {
  if (/^https?:\/\//.test(target)) return null;
  const [pathPart = '', anchor] = target.split('#');
  if (pathPart === '') return anchors.get(slug)!.has(anchor ?? '') ? null : `no heading #${anchor} in ${slug}`;
  const help = /^\/help(?:\/([a-z-]+))?$/.exec(pathPart);
  if (help) {
    if (!help[1]) return anchor ? 'the guide index has no sections' : null;
    if (!anchors.has(help[1])) return `no guide ${help[1]}`;
    return !anchor || anchors.get(help[1])!.has(anchor) ? null : `no heading #${anchor} in ${help[1]}`;
  }
  const segments = pathPart.split('?')[0]!.split('/').filter(Boolean).map((s) => (s === TENANT_PLACEHOLDER ? 'northwind' : s));
  const table = segments[0] === 'api' ? handlers : pages;
  return table.some((p) => matches(p, segments)) ? null : `no route ${pathPart}`;
}

/** The screenshot names the Playwright journeys take (guideShot(page, '<name>')). */
const shots = new Set(
  files('e2e')
    .filter((f) => f.endsWith('.ts'))
    .flatMap((f) => [...readFileSync(f, 'utf8').matchAll(/guideShot\(\s*\w+\s*,\s*'([a-z0-9-]+)'/g)].map((m) => m[1]!)),
);

describe('the user guides', () => {
  it('are exactly the Markdown files in docs/guides, each titled as the index lists it', () => {
    const onDisk = readdirSync(GUIDES).filter((f) => f.endsWith('.md')).map((f) => f.replace(/\.md$/, '')).sort();
    expect(onDisk).toEqual(guides.map((g) => g.slug).sort());
    for (const d of docs) expect(titleOf(d.markdown), d.meta.slug).toBe(d.meta.title);
  });

  it('link only to routes, guides and headings that exist', () => {
    const broken = docs.flatMap((d) =>
      targetsOf(d.markdown)
        .filter((t) => t.kind === 'link')
        .flatMap((t) => {
          const why = brokenLink(d.meta.slug, t.target);
          return why ? [`${d.meta.slug}: ${t.target} (${why})`] : [];
        }),
    );
    expect(broken).toEqual([]);
  });

  it('show only screenshots a journey takes, and each one is on disk', () => {
    const named = docs.flatMap((d) => screenshotsOf(d.markdown).map((name) => ({ guide: d.meta.slug, name })));
    expect(named.length).toBeGreaterThan(10);
    expect(named.filter((s) => !shots.has(s.name)).map((s) => `${s.guide}: ${s.name} (no journey calls guideShot(page, '${s.name}'))`)).toEqual([]);
    expect(named.filter((s) => !existsSync(path.join(GUIDES, 'images', `${s.name}.jpg`))).map((s) => `${s.guide}: images/${s.name}.jpg is missing (run the journeys)`)).toEqual([]);
    // And no journey takes a picture that no guide shows.
    expect([...shots].filter((s) => !named.some((n) => n.name === s))).toEqual([]);
  });

  it('have a section for every portal page, and every "?" lands on a heading', () => {
    const tenantPages = pages.filter((p) => p[0] === 't' && p[1] === '[tenant]').map((p) => p.slice(2));
    const allPages = pages.filter((p) => p[0] === 't' && p[1] === 'all' && !p.some((s) => s.startsWith('[...'))).map((p) => p.slice(2));
    const hrefs = [
      ...tenantPages.flatMap((segments) => [helpHref(segments, { allTenants: false, endUser: false }), helpHref(segments, { allTenants: false, endUser: true })]),
      ...allPages.map((segments) => helpHref(segments, { allTenants: true, endUser: false })),
    ];
    expect(hrefs.filter((h) => !/^\/help\/[a-z-]+#[a-z0-9-]+$/.test(h))).toEqual([]);
    expect(hrefs.map((h) => [h, brokenLink('api', h)]).filter(([, why]) => why)).toEqual([]);
    // Every topic in the tables is used by some page, so none rots unseen.
    const keys = new Set(tenantPages.flatMap((s) => [s.slice(0, 2).join('/'), s[0] ?? '']));
    expect(Object.keys(helpTopics).filter((k) => !keys.has(k))).toEqual([]);
    expect(Object.keys(allTenantsTopics).filter((k) => !allPages.some((s) => (s[0] ?? '') === k))).toEqual([]);
  });

  it('are offered by role: end users see theirs alone; staff see their own guide first', () => {
    const slugs = (r: Parameters<typeof guidesFor>[0]) => {
      const { yours, others } = guidesFor(r);
      return { yours: yours.map((g) => g.slug), all: [...yours, ...others].map((g) => g.slug) };
    };
    expect(slugs({ endUser: true, platform: false, partner: false, readOnly: false })).toEqual({ yours: ['end-users'], all: ['end-users'] });
    expect(slugs({ endUser: false, platform: false, partner: true, readOnly: false }).yours).toEqual(['msp', 'partner-admins', 'migration']);
    expect(slugs({ endUser: false, platform: true, partner: false, readOnly: false }).yours[0]).toBe('platform-operators');
    expect(slugs({ endUser: false, platform: false, partner: true, readOnly: true }).yours).toEqual(['auditors']);
    expect(slugs({ endUser: false, platform: false, partner: false, readOnly: false }).all).toHaveLength(guides.length);
  });

  it('are searchable across guides, best section first', () => {
    const hits = searchGuides('idempotency key', docs);
    expect(hits[0]).toMatchObject({ guide: { slug: 'api' }, heading: { id: 'idempotency-keys' } });
    expect(searchGuides('CSV import dry', docs).some((h) => h.guide.slug === 'migration')).toBe(true);
    expect(searchGuides('zzzz-nothing', docs)).toEqual([]);
  });

  it("the API guide's webhook check accepts a genuine delivery, a rotated secret's too, and refuses forged or stale ones", async () => {
    const code = /```js\n([\s\S]*?)```/.exec(read('api'))![1]!;
    // Beside node_modules, so the example's own import of standardwebhooks resolves as in a project.
    const dir = path.join('node_modules', '.guide-examples');
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `verify-${process.pid}-${Date.now()}.mjs`);
    writeFileSync(file, code);
    const secret = newWebhookSecret();
    process.env.WEBHOOK_SECRET = secret;
    let verifiedEvent: (body: string, headers: Record<string, string>) => unknown;
    try {
      ({ verifiedEvent } = await import(/* @vite-ignore */ pathToFileURL(path.resolve(file)).href));
    } finally {
      rmSync(file);
      delete process.env.WEBHOOK_SECRET;
    }
    const body = JSON.stringify({ type: 'ticket.created', timestamp: new Date().toISOString(), data: { tenant_id: 'a', ticket_id: 'b' } });
    const id = newMessageId();
    expect(verifiedEvent(body, signatureHeaders(id, body, [secret]))).toEqual(JSON.parse(body));
    // After a rotation the request carries the new secret's signature and the old one's.
    expect(verifiedEvent(body, signatureHeaders(id, body, [newWebhookSecret(), secret]))).toEqual(JSON.parse(body));
    expect(() => verifiedEvent(body.replace('"b"', '"c"'), signatureHeaders(id, body, [secret]))).toThrow();
    expect(() => verifiedEvent(body, signatureHeaders(id, body, [newWebhookSecret()]))).toThrow();
    expect(() => verifiedEvent(body, signatureHeaders(id, body, [secret], new Date(Date.now() - 10 * 60_000)))).toThrow();
  });
});
