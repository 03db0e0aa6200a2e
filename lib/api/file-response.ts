import 'server-only';

/**
 * A stored document as a response: its checked type, shown inline but never sniffed, never
 * cached, and sandboxed so a PDF cannot run script in the portal's origin.
 */
export function fileResponse(file: { data: Buffer; contentType: string; fileName: string }): Response {
  return new Response(new Uint8Array(file.data), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Length': String(file.data.length),
      'Content-Disposition': `inline; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`,
      'Content-Security-Policy': "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
