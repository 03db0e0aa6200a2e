import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { SCREENSHOTS_DIR } from '@/lib/help/load';

/**
 * The guides' screenshots (docs/guides/images, written by the Playwright journeys). They show the
 * demo world only, so they need no session; a name is a plain file name, never a path.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ name: string }> }) {
  const { name } = await params;
  if (!/^[a-z0-9-]{1,80}\.jpg$/.test(name)) return new Response('Not found', { status: 404 });
  try {
    const data = await readFile(path.join(SCREENSHOTS_DIR, name));
    return new Response(new Uint8Array(data), {
      headers: {
        'content-type': 'image/jpeg',
        'cache-control': 'public, max-age=300',
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}
