import { defineConfig } from 'drizzle-kit';

// Used only to generate migrations from db/schema; applying them is db/bootstrap.ts's job.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
  strict: true,
});
