import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { afterAll, afterEach, inject } from 'vitest';
import { runtimeUrl } from '@/db/bootstrap';
import { closeAll } from '@/db/client';
import { TEMPLATE_DB, TEST_APP_ROLE, withDatabase } from './global-setup';
import { endOwner } from './owner';

// Each test gets a pristine database: the file's database is cloned from the migrated and seeded
// template before its first test and cloned again after every test (about 40 ms), so tests stand
// alone in any order and any subset, and none has to undo what it did.
const serverUrl = inject('ownerUrl');
const name = `test_${randomBytes(6).toString('hex')}`;
const admin = postgres(serverUrl, { max: 1, onnotice: () => {} });

async function cloneTemplate(): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      // file_copy: the template is small and static; copying its files beats replaying WAL.
      await admin.unsafe(`create database ${name} template ${TEMPLATE_DB} strategy file_copy`);
      return;
    } catch (error) {
      // Another file cloning the template at the same moment: wait and retry.
      if (attempt > 20) throw error;
      await new Promise((r) => setTimeout(r, 100 + attempt * 50));
    }
  }
}

async function dropDatabase(): Promise<void> {
  // Pools first, so no connection of ours is killed under a query; `force` ends any left over.
  await closeAll();
  await endOwner();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
}

await cloneTemplate();
process.env.TEST_OWNER_URL = withDatabase(serverUrl, name);
process.env.DATABASE_APP_URL = runtimeUrl(process.env.TEST_OWNER_URL, TEST_APP_ROLE);
process.env.NEXTAUTH_SECRET = 'test-secret-test-secret-test-secret-0123';
// The built-in test card provider, as in the demo world.
process.env.PAYMENT_PROVIDER = 'test';

afterEach(async () => {
  await dropDatabase();
  await cloneTemplate();
});

afterAll(async () => {
  await dropDatabase();
  await admin.end();
});
