import postgres from 'postgres';

/** The test database's owner (superuser): sets up and inspects, bypassing RLS like an attacker with DB access. */
let ownerSql: postgres.Sql | undefined;

export function owner(): postgres.Sql {
  ownerSql ??= postgres(process.env.TEST_OWNER_URL!, { max: 2, onnotice: () => {} });
  return ownerSql;
}

/** Closes the owner's pool; the next owner() opens a new one (the database is re-cloned per test). */
export async function endOwner(): Promise<void> {
  const sql = ownerSql;
  ownerSql = undefined;
  await sql?.end({ timeout: 5 });
}
