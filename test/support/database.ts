import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, inject } from 'vitest';
import { runtimeUrl } from '@/db/bootstrap';
import { closeAll } from '@/db/client';
import { TEMPLATE_DB, TEST_APP_ROLE, withDatabase } from './global-setup';

// Each test file gets its own database, cloned from the migrated and seeded template.
const serverUrl = inject('ownerUrl');
const name = `test_${randomBytes(6).toString('hex')}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });
for (let attempt = 0; ; attempt++) {
  try {
    await admin.unsafe(`create database ${name} template ${TEMPLATE_DB}`);
    break;
  } catch (error) {
    // Two files cloning the template at the same moment: wait and retry.
    if (attempt > 20) throw error;
    await new Promise((r) => setTimeout(r, 100 + attempt * 50));
  }
}

process.env.TEST_OWNER_URL = withDatabase(serverUrl, name);
process.env.DATABASE_APP_URL = runtimeUrl(process.env.TEST_OWNER_URL, TEST_APP_ROLE);
process.env.NEXTAUTH_SECRET = 'test-secret-test-secret-test-secret-0123';

afterAll(async () => {
  await closeAll();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});
