/**
 * One "backend instance" for the queue tests: a ScanWorker in its own
 * process against the database in IH_TEST_DB, so a test can SIGKILL it
 * mid-run like a crashed replica.
 */
import knexFactory from 'knex';
import { ScanQueue } from '../database/ScanQueue';
import { ScanWorker } from '../service/ScanWorker';
import { completeTestScan, testLogger } from './queueJobs';

const db = knexFactory(JSON.parse(process.env.IH_TEST_DB!));
const owner = process.env.IH_OWNER!;
const queue = new ScanQueue(db, { maxAttempts: 5 });
new ScanWorker({
  queue,
  owner,
  concurrency: 4,
  leaseMs: Number(process.env.IH_LEASE_MS ?? 1000),
  pollIntervalMs: 20,
  logger: testLogger,
  run: scan => completeTestScan(queue, scan, owner, 30),
}).start();
process.send?.('started');
