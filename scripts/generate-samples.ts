import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sampleFiles } from '../db/sample-documents';

// Writes the made-up KYC sample documents to samples/kyc/ (committed; run again after changing
// db/sample-documents.ts). Use them to try the verification steps in a fresh `npm start`.
const dir = path.join(process.cwd(), 'samples', 'kyc');
mkdirSync(dir, { recursive: true });
for (const [name, make] of Object.entries(sampleFiles)) {
  const data = make();
  writeFileSync(path.join(dir, name), data);
  console.log(`${name}: ${data.length} bytes`);
}
