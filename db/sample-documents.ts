import { deflateSync } from 'node:zlib';

// Made-up sample documents for the demo world and the tests: drawn shapes, no real identity
// document, no real person. PNG and PDF are built here byte by byte (no image library needed).

type Rgb = [number, number, number];
type Shape = { x: number; y: number; w: number; h: number; color: Rgb };

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** An RGB PNG of the given size: a background and rectangles drawn on it. */
export function drawPng(width: number, height: number, background: Rgb, shapes: Shape[]): Buffer {
  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      let color = background;
      for (const s of shapes) if (x >= s.x && x < s.x + s.w && y >= s.y && y < s.y + s.h) color = s.color;
      // A faint diagonal "SAMPLE" hatching, so nobody mistakes it for a real document.
      const hatch = (x + y) % 24 < 2;
      const o = y * row + 1 + x * 3;
      raw[o] = hatch ? Math.max(0, color[0] - 40) : color[0];
      raw[o + 1] = hatch ? Math.max(0, color[1] - 40) : color[1];
      raw[o + 2] = hatch ? Math.max(0, color[2] - 40) : color[2];
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A valid PNG padded to about `bytes` with a text chunk (for upload benchmarks and limit tests). */
export function paddedPng(bytes: number): Buffer {
  const base = sampleCard('front');
  const iend = base.subarray(base.length - 12);
  const pad = chunk('tEXt', Buffer.concat([Buffer.from('Comment\0'), Buffer.alloc(Math.max(0, bytes - base.length - 20), 0x61)]));
  return Buffer.concat([base.subarray(0, base.length - 12), pad, iend]);
}

const lines = (x: number, y: number, n: number, color: Rgb): Shape[] => Array.from({ length: n }, (_, i) => ({ x, y: y + i * 22, w: 200 - (i % 3) * 40, h: 10, color }));

/** A made-up identity card side (front with a photo box, or back with a machine-readable zone). */
export function sampleCard(side: 'front' | 'back', tint: Rgb = [214, 230, 244]): Buffer {
  const dark: Rgb = [60, 72, 88];
  const shapes: Shape[] =
    side === 'front'
      ? [{ x: 0, y: 0, w: 480, h: 40, color: [32, 80, 140] }, { x: 24, y: 64, w: 120, h: 150, color: [170, 178, 190] }, ...lines(168, 70, 6, dark)]
      : [{ x: 0, y: 0, w: 480, h: 24, color: [32, 80, 140] }, ...lines(24, 50, 5, dark), { x: 0, y: 220, w: 480, h: 60, color: [240, 240, 240] }, ...lines(24, 230, 2, [20, 20, 20])];
  return drawPng(480, 300, tint, shapes);
}

/** A made-up selfie: a face-coloured oval-ish box on a plain wall. */
export const sampleSelfie = () =>
  drawPng(240, 300, [225, 232, 225], [
    { x: 70, y: 60, w: 100, h: 130, color: [222, 184, 150] },
    { x: 40, y: 190, w: 160, h: 110, color: [80, 110, 160] },
  ]);

/** A one-page PDF whose text says what it is (a utility bill, a company registration). */
export function samplePdf(title: string, body: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const text = [`BT /F1 18 Tf 72 760 Td (${esc(title)}) Tj ET`, ...body.map((l, i) => `BT /F1 11 Tf 72 ${720 - i * 18} Td (${esc(l)}) Tj ET`)].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(text)} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((o, i) => {
    offsets.push(Buffer.byteLength(pdf));
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf);
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

/** The files shipped in samples/kyc/ (scripts/generate-samples.ts writes them; the seed uses them too). */
export const sampleFiles: Record<string, () => Buffer> = {
  'passport.png': () => sampleCard('front', [226, 214, 240]),
  'id-card-front.png': () => sampleCard('front'),
  'id-card-back.png': () => sampleCard('back'),
  'selfie.png': sampleSelfie,
  'proof-of-address.pdf': () => samplePdf('SAMPLE utility bill', ['Northwind Power and Light (made up)', 'Account holder: Sample Person', '1 Example Street, Springfield', 'This is not a real document.']),
  'company-registration.pdf': () => samplePdf('SAMPLE certificate of incorporation', ['Company: Example Trading Ltd (made up)', 'Registration number: 00000000', 'This is not a real document.']),
};
