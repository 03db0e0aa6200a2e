/**
 * A queued mail as it is sent: the portal's paths made absolute against its public URL, and an
 * HTML part beside the text one (the mail's own when it has one, else rendered from the text).
 * Pure: no I/O, so tests hold it to exact output.
 */

const PORTAL_PATH = /(^|[\s:("])(\/t\/[^\s)]+)/g;
const URL_IN_TEXT = /https?:\/\/[^\s<>"')]+/g;

export function absolutize(text: string, baseUrl: string): string {
  const base = baseUrl.replace(/\/+$/, '');
  return text.replace(PORTAL_PATH, (_, before: string, path: string) => `${before}${base}${path}`);
}

/** Header values naming portal paths in angle brackets (`List-Unsubscribe: </api/...>`), made absolute. */
export function absolutizeHeaders(headers: Record<string, string> | null | undefined, baseUrl: string): Record<string, string> {
  const base = baseUrl.replace(/\/+$/, '');
  return Object.fromEntries(Object.entries(headers ?? {}).map(([k, v]) => [k, v.replace(/<\//g, `<${base}/`)]));
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** Escaped text with its URLs as links, paragraphs at blank lines, line breaks kept. */
export function textToHtml(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((para) => {
      let out = '';
      let last = 0;
      for (const m of para.matchAll(URL_IN_TEXT)) {
        out += escapeHtml(para.slice(last, m.index));
        out += `<a href="${escapeHtml(m[0])}">${escapeHtml(m[0])}</a>`;
        last = m.index + m[0].length;
      }
      out += escapeHtml(para.slice(last));
      return `<p style="margin:0 0 16px">${out.replace(/\n/g, '<br>')}</p>`;
    })
    .join('\n');
}

/** The frame every HTML part sits in: the tenant's name on top, the content, who sent it. */
export function htmlFrame(tenantName: string, subject: string, content: string): string {
  const name = escapeHtml(tenantName);
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f4f4f5;font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#18181b">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border:1px solid #e4e4e7;border-radius:8px;padding:24px">
<div style="font-weight:600;font-size:16px;margin:0 0 16px">${name}</div>
${content}
</div>
<p style="max-width:600px;margin:12px auto 0;font-size:12px;color:#71717a">Sent by ${name} through the Partner Portal.</p>
</body></html>`;
}

export function renderMail(m: { tenantName: string; subject: string; body: string; html: string | null }, baseUrl: string): { text: string; html: string } {
  const text = absolutize(m.body, baseUrl);
  return { text, html: m.html ? absolutize(m.html, baseUrl) : htmlFrame(m.tenantName, m.subject, textToHtml(text)) };
}

/** The display name before the From address: the tenant's name, without what would break the header. */
export function fromHeader(tenantName: string, address: string): { name: string; address: string } {
  return { name: tenantName.replace(/[\r\n"<>]/g, ' ').trim() || 'Partner Portal', address };
}
