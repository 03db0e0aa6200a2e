import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCodeTable } from '@/lib/errors';

const section = (file: string, name: string) => {
  const match = new RegExp(`<!-- ${name}:start[^>]*-->\\n([\\s\\S]*?)\\n<!-- ${name}:end -->`).exec(readFileSync(file, 'utf8'));
  if (!match) throw new Error(`${file} has no ${name} section`);
  return match[1]!.trim();
};

describe('docs generated from the code', () => {
  it('docs/api.md lists exactly the error codes of lib/errors.ts, with their statuses', () => {
    expect(section('docs/api.md', 'error-codes')).toBe(errorCodeTable());
  });
});
