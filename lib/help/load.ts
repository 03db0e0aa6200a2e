import 'server-only';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { guides, type GuideMeta, type GuideSlug } from './guides';

/** Where the guides and their screenshots live (read at request time; the files ship with the app). */
export const GUIDES_DIR = path.join(process.cwd(), 'docs', 'guides');
export const SCREENSHOTS_DIR = path.join(GUIDES_DIR, 'images');

export async function readGuide(slug: GuideSlug): Promise<{ meta: GuideMeta; markdown: string }> {
  const meta = guides.find((g) => g.slug === slug)!;
  return { meta, markdown: await readFile(path.join(GUIDES_DIR, `${slug}.md`), 'utf8') };
}

export const readGuides = (metas: readonly GuideMeta[] = guides) =>
  Promise.all(metas.map((m) => readGuide(m.slug as GuideSlug)));
