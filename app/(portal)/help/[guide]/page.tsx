import Link from 'next/link';
import { notFound } from 'next/navigation';
import { GuideMarkdown } from '@/components/help/guide-markdown';
import { HelpSearch } from '@/components/help/help-search';
import { helpPage } from '@/lib/auth/page';
import { guides, headingsOf, isGuideSlug } from '@/lib/help/guides';
import { readGuide } from '@/lib/help/load';

type Props = { params: Promise<{ guide: string }> };

export async function generateMetadata({ params }: Props) {
  const slug = (await params).guide;
  return { title: guides.find((g) => g.slug === slug)?.title ?? 'Not found' };
}

/** One guide: its contents (the section headings) beside the text. */
export default async function GuidePage({ params }: Props) {
  const ctx = await helpPage();
  const slug = (await params).guide;
  if (!isGuideSlug(slug)) notFound();
  const { markdown } = await readGuide(slug);
  const contents = headingsOf(markdown).filter((h) => h.depth === 2 || h.depth === 3);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <Link href="/help" prefetch={false} className="text-sm underline">
          All guides
        </Link>
        <HelpSearch />
      </div>
      <div className="flex flex-col gap-8 lg:flex-row-reverse">
        <nav
          aria-labelledby="contents-title"
          className="shrink-0 lg:sticky lg:top-4 lg:w-60 lg:self-start"
        >
          <h2
            id="contents-title"
            className="text-muted-foreground mb-2 text-xs font-semibold tracking-wide uppercase"
          >
            On this page
          </h2>
          <ol className="space-y-1 text-sm">
            {contents.map((h) => (
              <li key={h.id} className={h.depth === 3 ? 'pl-3' : undefined}>
                <a href={`#${h.id}`} className="hover:underline">
                  {h.text}
                </a>
              </li>
            ))}
          </ol>
        </nav>
        <article className="min-w-0 flex-1" data-testid="guide">
          <GuideMarkdown markdown={markdown} homeSlug={ctx.homeTenant.slug} />
        </article>
      </div>
    </div>
  );
}
