import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { TestDatabaseId, TestDatabases } from '@backstage/backend-test-utils';

/**
 * Gives each plugin of a test backend its own fresh database, as production
 * does: Backstage plugins' migrations share table names, so several plugins
 * cannot share one `mockServices.database` knex.
 */
export function databasePerPlugin(
  databases: TestDatabases,
  id: TestDatabaseId,
) {
  return createServiceFactory({
    service: coreServices.database,
    deps: { plugin: coreServices.pluginMetadata },
    async factory() {
      const knex = await databases.init(id);
      return { getClient: async () => knex };
    },
  });
}
