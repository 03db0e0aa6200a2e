import GithubSlugger from 'github-slugger';

/**
 * The user guides: Markdown files in docs/guides/, one per kind of reader, rendered at /help
 * (app/(portal)/help). This module is pure (no I/O) so the page, the tests and the link checker
 * read guides the same way; lib/help/load.ts reads the files.
 */
export type GuideAudience = 'end-user' | 'admin' | 'partner' | 'platform' | 'auditor' | 'developer';

export type GuideMeta = { slug: string; title: string; summary: string; audience: GuideAudience };

export const guides = [
  {
    slug: 'end-users',
    title: 'Your account with your provider',
    summary: 'Sign up, verify your identity, subscribe to a plan, pay, and ask for help.',
    audience: 'end-user',
  },
  {
    slug: 'partner-admins',
    title: 'Running your tenant',
    summary:
      'Users and KYC review, roles, policies and settings, plans, billing, webhooks and API keys.',
    audience: 'admin',
  },
  {
    slug: 'msp',
    title: 'MSP and enterprise playbook',
    summary:
      'Ask for a link, switch tenants, All-tenants views, consolidated billing, the ticket board, reports, alerts and the digest.',
    audience: 'partner',
  },
  {
    slug: 'platform-operators',
    title: 'Operating the platform',
    summary:
      'Register and stop partners, roll out features, direct links, rate limits, tenant export and deletion.',
    audience: 'platform',
  },
  {
    slug: 'auditors',
    title: 'For auditors',
    summary: 'What you can see, and how your own reads are audited.',
    audience: 'auditor',
  },
  {
    slug: 'api',
    title: 'The API',
    summary:
      'Keys, Bearer and Basic, acting in a managed tenant, pagination, errors, rate limits, idempotency and webhooks.',
    audience: 'developer',
  },
  {
    slug: 'migration',
    title: 'Moving to the portal',
    summary:
      'Import your users from a CSV file, bring your plans, and what your users see on first sign-in.',
    audience: 'admin',
  },
] as const satisfies readonly GuideMeta[];

export type GuideSlug = (typeof guides)[number]['slug'];

export const isGuideSlug = (s: string): s is GuideSlug => guides.some((g) => g.slug === s);

/** What the help index needs to know about its reader to order the guides. */
export type Reader = {
  endUser: boolean;
  platform: boolean;
  /** Partner staff who can switch tenants (MSPs, headquarters). */
  partner: boolean;
  /** Reads without any write permission beyond their own account. */
  readOnly: boolean;
};

/**
 * The guides for a reader, theirs first: a guest or subscriber sees only the end-user guide
 * (the rest is about running a tenant); staff see every guide, the one for their role on top.
 */
export function guidesFor(reader: Reader): { yours: GuideMeta[]; others: GuideMeta[] } {
  if (reader.endUser) return { yours: guides.filter((g) => g.audience === 'end-user'), others: [] };
  const first: GuideAudience[] = reader.platform
    ? ['platform', 'admin']
    : reader.readOnly
      ? ['auditor']
      : reader.partner
        ? ['partner', 'admin']
        : ['admin'];
  const rank = (g: GuideMeta) =>
    first.includes(g.audience) ? first.indexOf(g.audience) : first.length;
  const staff = guides.filter((g) => g.audience !== 'end-user');
  const yours = staff.filter((g) => first.includes(g.audience)).sort((a, b) => rank(a) - rank(b));
  return {
    yours,
    others: [
      ...staff.filter((g) => !first.includes(g.audience)),
      ...guides.filter((g) => g.audience === 'end-user'),
    ],
  };
}

export type Heading = { depth: number; text: string; id: string };
export type Section = { heading: Heading | null; text: string };

/** Lines of Markdown outside fenced code blocks, with whether each is inside one. */
function lines(markdown: string): { line: string; code: boolean }[] {
  let fence: string | null = null;
  return markdown.split('\n').map((line) => {
    const open = /^(```|~~~)/.exec(line.trim());
    if (open) {
      fence = fence === null ? open[1]! : line.trim().startsWith(fence) ? null : fence;
      return { line, code: true };
    }
    return { line, code: fence !== null };
  });
}

/** A heading's plain text: inline code, emphasis and links reduced to their words. */
export function headingText(raw: string): string {
  return raw
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_]{1,2}([^*_]+)[*_]{1,2}/g, '$1')
    .trim();
}

/**
 * The guide's sections, split at its headings, with the ids rehype-slug gives them (the same
 * GitHub slugger, in document order), so a contents list and "?" links land on the heading.
 */
export function sectionsOf(markdown: string): Section[] {
  const slugger = new GithubSlugger();
  const sections: Section[] = [{ heading: null, text: '' }];
  for (const { line, code } of lines(markdown)) {
    const h = code ? null : /^(#{1,6})\s+(.+?)\s*#*\s*$/.exec(line);
    if (h) {
      const text = headingText(h[2]!);
      sections.push({ heading: { depth: h[1]!.length, text, id: slugger.slug(text) }, text: '' });
    } else {
      sections[sections.length - 1]!.text += `${line}\n`;
    }
  }
  return sections;
}

export const headingsOf = (markdown: string): Heading[] =>
  sectionsOf(markdown).flatMap((s) => (s.heading ? [s.heading] : []));

/** The guide's title: its first level-one heading. */
export const titleOf = (markdown: string): string | undefined =>
  headingsOf(markdown).find((h) => h.depth === 1)?.text;

/** Every link and image target in the Markdown (outside code), in order. */
export function targetsOf(markdown: string): { kind: 'link' | 'image'; target: string }[] {
  const prose = lines(markdown)
    .filter((l) => !l.code)
    .map((l) => l.line.replace(/`[^`]*`/g, ''))
    .join('\n');
  return [...prose.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)].map((m) => ({
    kind: m[1] ? 'image' : 'link',
    target: m[2]!,
  }));
}

/** Screenshot names a guide shows (`images/<name>.jpg`, written by e2e/fixtures/guide-shot.ts). */
export const screenshotsOf = (markdown: string): string[] =>
  targetsOf(markdown)
    .filter((t) => t.kind === 'image')
    .map(
      (t) =>
        /^images\/([a-z0-9-]+)\.jpg$/.exec(t.target)?.[1] ??
        `(not a guide screenshot: ${t.target})`,
    );

/**
 * Links in guides name the reader's tenant as `{tenant}`; the portal fills in the reader's home
 * tenant (the demo world's readers follow along in their own).
 */
export const TENANT_PLACEHOLDER = '{tenant}';

export function portalHref(target: string, homeSlug: string): string {
  if (target.startsWith('images/')) return `/help/${target}`;
  return target
    .replaceAll(TENANT_PLACEHOLDER, homeSlug)
    .replaceAll(encodeURIComponent(TENANT_PLACEHOLDER), homeSlug);
}

export type SearchHit = { guide: GuideMeta; heading: Heading | null; snippet: string };

const plain = (md: string) =>
  md
    .replace(/!\[[^\]]*\]\([^)]*\)/g, ' ')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[`*_>#|]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * Search across guides: sections holding every word of the query (case-insensitive), the
 * heading's own words counting double, best first; each with a snippet around the first word.
 */
export function searchGuides(
  query: string,
  docs: { meta: GuideMeta; markdown: string }[],
  limit = 20,
): SearchHit[] {
  const words = query
    .toLowerCase()
    .split(/\s+/)
    .filter((w) => w.length > 0)
    .slice(0, 8);
  if (words.length === 0) return [];
  const hits: (SearchHit & { score: number })[] = [];
  for (const { meta, markdown } of docs) {
    for (const section of sectionsOf(markdown)) {
      const heading = (section.heading?.text ?? meta.title).toLowerCase();
      const body = plain(section.text);
      const lower = body.toLowerCase();
      if (!words.every((w) => heading.includes(w) || lower.includes(w))) continue;
      const score = words.reduce(
        (n, w) => n + (heading.includes(w) ? 2 : 0) + (lower.includes(w) ? 1 : 0),
        0,
      );
      const at = Math.max(
        0,
        Math.min(...words.map((w) => lower.indexOf(w)).filter((i) => i >= 0), body.length),
      );
      const start = Math.max(0, at - 60);
      const snippet = `${start > 0 ? '…' : ''}${body.slice(start, start + 180)}${start + 180 < body.length ? '…' : ''}`;
      hits.push({ guide: meta, heading: section.heading, snippet, score });
    }
  }
  return hits
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ score: _, ...h }) => h);
}
