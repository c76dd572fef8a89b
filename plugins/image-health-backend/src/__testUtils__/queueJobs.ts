import { LoggerService } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';
import { ClaimedScan, ScanQueue } from '../database/ScanQueue';

/** Where test jobs record that they ran to completion: one row per completion. */
export async function createCompletionsTable(db: Knex): Promise<void> {
  await db.schema.createTable('test_completions', table => {
    table.string('scan_id').notNullable();
    table.string('owner').notNullable();
  });
}

/** A job that takes `ms` and completes through the queue, recording the completion in the same transaction. */
export async function completeTestScan(
  queue: ScanQueue,
  scan: ClaimedScan,
  owner: string,
  ms: number,
): Promise<void> {
  await new Promise(resolve => setTimeout(resolve, ms));
  await queue.complete(scan.id, owner, { state: 'succeeded' }, async trx => {
    await trx('test_completions').insert({ scan_id: scan.id, owner });
  });
}

const noop = () => {};
export const testLogger: LoggerService = {
  error: noop,
  warn: noop,
  info: noop,
  debug: noop,
  child: () => testLogger,
};
