import { describe, expect, it } from 'vitest';
import { safeLocalPath } from '@/lib/api/redirect';

describe('redirect targets', () => {
  it('keeps the portal\'s own pages, with their query', () => {
    expect(safeLocalPath('/t/northwind')).toBe('/t/northwind');
    expect(safeLocalPath('/t/northwind/users?q=ben')).toBe('/t/northwind/users?q=ben');
    expect(safeLocalPath('/login')).toBe('/login');
  });

  it('refuses anything a browser would read as another host, or that is no portal page', () => {
    for (const evil of ['/\\evil.example/login', '/%5Cevil.example/login', '/\t/evil.example/login', '/%09/evil.example/login', '//evil.example', 'https://evil.example/t/x', 'javascript:alert(1)', '/api/v1/users', '/t/../../etc']) {
      expect(safeLocalPath(evil), evil).toBe('/');
    }
    expect(safeLocalPath(null, '/login')).toBe('/login');
  });
});
