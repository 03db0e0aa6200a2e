import Link from 'next/link';
import ReactMarkdown, { type Components } from 'react-markdown';
import rehypeSlug from 'rehype-slug';
import remarkGfm from 'remark-gfm';
import { portalHref } from '@/lib/help/guides';

/**
 * A guide's Markdown as the portal shows it (react-markdown with GitHub's tables and heading ids):
 * portal links go through the router with the reader's tenant filled in, screenshots come from
 * /help/images. No raw HTML is rendered (react-markdown's default), so a guide cannot inject any.
 */
export function GuideMarkdown({ markdown, homeSlug }: { markdown: string; homeSlug: string }) {
  const components: Components = {
    h1: ({ node: _, ...p }) => <h1 className="mb-4 text-2xl font-semibold tracking-tight" {...p} />,
    h2: ({ node: _, ...p }) => (
      <h2 className="mt-10 mb-3 scroll-mt-4 border-b pb-1 text-xl font-semibold" {...p} />
    ),
    h3: ({ node: _, ...p }) => (
      <h3 className="mt-6 mb-2 scroll-mt-4 text-lg font-semibold" {...p} />
    ),
    h4: ({ node: _, ...p }) => <h4 className="mt-4 mb-2 scroll-mt-4 font-semibold" {...p} />,
    p: ({ node: _, ...p }) => <p className="my-3 leading-7" {...p} />,
    ul: ({ node: _, ...p }) => <ul className="my-3 list-disc space-y-1 pl-6" {...p} />,
    ol: ({ node: _, ...p }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...p} />,
    blockquote: ({ node: _, ...p }) => (
      <blockquote className="bg-muted/40 my-4 border-l-4 px-4 py-2 text-sm" {...p} />
    ),
    table: ({ node: _, ...p }) => (
      <div className="my-4 overflow-x-auto" tabIndex={0}>
        <table className="w-full border-collapse text-sm" {...p} />
      </div>
    ),
    th: ({ node: _, ...p }) => <th className="border-b px-2 py-1 text-left font-medium" {...p} />,
    td: ({ node: _, ...p }) => <td className="border-b px-2 py-1 align-top" {...p} />,
    pre: ({ node: _, ...p }) => (
      // Long lines scroll sideways: focusable, so the keyboard can scroll them too.
      <pre
        tabIndex={0}
        className="bg-muted/50 my-4 overflow-x-auto rounded-md border p-3 text-xs leading-5"
        {...p}
      />
    ),
    code: ({ node: _, className, ...p }) => (
      <code className={className ?? 'bg-muted rounded px-1 py-0.5 text-[0.85em]'} {...p} />
    ),
    a: ({ node: _, href = '', children, ...p }) => {
      const target = portalHref(href, homeSlug);
      return target.startsWith('/') || target.startsWith('#') ? (
        <Link
          href={target}
          prefetch={false}
          className="font-medium underline underline-offset-2"
          {...p}
        >
          {children}
        </Link>
      ) : (
        <a
          href={target}
          className="font-medium underline underline-offset-2"
          rel="noreferrer"
          {...p}
        >
          {children}
        </a>
      );
    },
    img: ({ node: _, src, alt, ...p }) => (
      // Screenshots are files the journeys write; next/image would add nothing for them.
      // eslint-disable-next-line @next/next/no-img-element
      <img
        src={portalHref(typeof src === 'string' ? src : '', homeSlug)}
        alt={alt ?? ''}
        loading="lazy"
        className="my-4 w-full max-w-4xl rounded-md border shadow-sm"
        {...p}
      />
    ),
  };
  return (
    <ReactMarkdown remarkPlugins={[remarkGfm]} rehypePlugins={[rehypeSlug]} components={components}>
      {markdown}
    </ReactMarkdown>
  );
}
