import {
  DatabaseService,
  resolvePackagePath,
} from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@image-health/plugin-image-health-backend',
  'migrations',
);

/** The plugin's knex client with its schema up to date (unless migrations are skipped). */
export async function migratedClient(database: DatabaseService): Promise<Knex> {
  const client = await database.getClient();
  if (!database.migrations?.skip) {
    await client.migrate.latest({ directory: migrationsDir });
  }
  return client;
}

export async function rollbackAll(client: Knex): Promise<void> {
  await client.migrate.rollback({ directory: migrationsDir }, true);
}
