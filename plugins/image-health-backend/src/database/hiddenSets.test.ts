import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import { HiddenSets, hiddenSetOf } from './hiddenSets';
import { migratedClient } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('hidden sets on %s', databaseId => {
  let db: Knex;
  beforeEach(async () => {
    db = await migratedClient({
      getClient: async () => databases.init(databaseId),
    });
  });

  const refs = (n: number) =>
    Array.from({ length: n }, (_, i) => `component:default/svc-${i}`);

  it('names a set by its content, whatever the order or repetition of its refs', () => {
    const a = hiddenSetOf(['component:default/b', 'component:default/a']);
    const b = hiddenSetOf([
      'component:default/a',
      'component:default/b',
      'component:default/a',
    ]);
    expect(a).toEqual(b);
    expect(hiddenSetOf(['component:default/a']).id).not.toBe(a.id);
  });

  it('stores a set written by two backend instances at once exactly once, complete', async () => {
    const set = hiddenSetOf(refs(3_000));
    await Promise.all([
      new HiddenSets(db).ensure(set),
      new HiddenSets(db).ensure(set),
    ]);
    expect(await db('scorecard_hidden_sets').pluck('id')).toEqual([set.id]);
    const [{ n }] = await db('scorecard_hidden_refs')
      .where({ set_id: set.id })
      .count({ n: '*' });
    expect(Number(n)).toBe(3_000);
  });

  it('prunes only the sets unused since the cut-off, refs and all, and writes a pruned set again when it is used', async () => {
    const old = hiddenSetOf(refs(10));
    const current = hiddenSetOf(refs(20));
    const sets = new HiddenSets(db);
    await sets.ensure(old);
    await sets.ensure(current);
    await db('scorecard_hidden_sets')
      .where({ id: old.id })
      .update({ used_at: new Date(Date.now() - 2 * 86_400_000) });

    expect(
      await sets.pruneUnusedBefore(new Date(Date.now() - 86_400_000)),
    ).toBe(1);
    expect(await db('scorecard_hidden_sets').pluck('id')).toEqual([current.id]);
    const [{ left }] = await db('scorecard_hidden_refs')
      .where({ set_id: old.id })
      .count({ left: '*' });
    expect(Number(left)).toBe(0);

    // Another instance (this one trusts what it wrote for ten minutes) uses it again.
    await new HiddenSets(db).ensure(old);
    const [{ n }] = await db('scorecard_hidden_refs')
      .where({ set_id: old.id })
      .count({ n: '*' });
    expect(Number(n)).toBe(10);
  });
});
