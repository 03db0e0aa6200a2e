import Link from 'next/link';
import { HelpSearch } from '@/components/help/help-search';
import { helpPage } from '@/lib/auth/page';
import { guidesFor, searchGuides, type GuideMeta } from '@/lib/help/guides';
import { readGuides } from '@/lib/help/load';
import { readerOf } from '@/lib/help/reader';

export const metadata = { title: 'Guides' };

/** /help: the guides for the reader's roles first, and search across them (?q=). */
export default async function HelpPage({
  searchParams,
}: {
  searchParams: Promise<{ q?: string | string[] }>;
}) {
  const ctx = await helpPage();
  const raw = (await searchParams).q;
  const q = (Array.isArray(raw) ? raw[0] : raw)?.trim().slice(0, 200) ?? '';
  const { yours, others } = guidesFor(readerOf(ctx));
  const hits = q ? searchGuides(q, await readGuides([...yours, ...others])) : [];
  return (
    <div className="space-y-8">
      <div className="space-y-3">
        <h1 className="text-2xl font-semibold tracking-tight">Help</h1>
        <p className="text-muted-foreground text-sm">
          Guides for everyone who uses the portal. The examples use the demo world (Northwind Fiber,
          Acme Managed Services) that a fresh install starts with.
        </p>
        <HelpSearch defaultValue={q} />
      </div>
      {q ? (
        <section aria-labelledby="results-title" className="space-y-3">
          <h2 id="results-title" className="text-lg font-semibold">
            {hits.length === 0
              ? `No section of the guides mentions “${q}”`
              : `${hits.length} ${hits.length === 1 ? 'section' : 'sections'} about “${q}”`}
          </h2>
          <ol className="space-y-3">
            {hits.map((h) => (
              <li key={`${h.guide.slug}#${h.heading?.id ?? ''}`} className="rounded-md border p-3">
                <Link
                  href={`/help/${h.guide.slug}${h.heading ? `#${h.heading.id}` : ''}`}
                  prefetch={false}
                  className="font-medium underline underline-offset-2"
                >
                  {h.heading?.text ?? h.guide.title}
                </Link>
                <span className="text-muted-foreground text-sm"> · {h.guide.title}</span>
                <p className="text-muted-foreground mt-1 text-sm">{h.snippet}</p>
              </li>
            ))}
          </ol>
          <Link href="/help" prefetch={false} className="text-sm underline">
            All guides
          </Link>
        </section>
      ) : (
        <>
          <GuideList id="yours" title="Guides for you" list={yours} />
          {others.length > 0 && <GuideList id="others" title="Other guides" list={others} />}
        </>
      )}
    </div>
  );
}

function GuideList({ id, title, list }: { id: string; title: string; list: readonly GuideMeta[] }) {
  return (
    <section aria-labelledby={`${id}-title`} className="space-y-3">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {title}
      </h2>
      <ul className="grid gap-3 sm:grid-cols-2">
        {list.map((g) => (
          <li key={g.slug} className="bg-card rounded-md border p-4">
            <Link
              href={`/help/${g.slug}`}
              prefetch={false}
              className="font-medium underline underline-offset-2"
            >
              {g.title}
            </Link>
            <p className="text-muted-foreground mt-1 text-sm">{g.summary}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
