import { Client } from 'pg';
import { startTestPostgres, type TestPostgres } from './postgres-server';

describe('startTestPostgres', () => {
  let pg: TestPostgres;

  beforeAll(async () => {
    pg = await startTestPostgres();
  });

  afterAll(async () => {
    await pg?.close();
  });

  async function query(sql: string): Promise<unknown[]> {
    const c = new Client({ connectionString: pg.url });
    await c.connect();
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  }

  it('serves on a port of its own, not the shared 5432', async () => {
    expect(pg.port).not.toBe(5432);
    expect(await query('select 1 as one')).toEqual([{ one: 1 }]);
  });

  it.each(['fast', 'immediate'] as const)(
    'restarts (%s): a connection held across it is cut, the data stays',
    async (mode) => {
      await query(`create table if not exists kept_${mode} (n int); insert into kept_${mode} values (1)`);
      const held = new Client({ connectionString: pg.url });
      const errors: Error[] = [];
      held.on('error', (err) => errors.push(err));
      await held.connect();

      await pg.restart({ mode });

      await expect(held.query('select 1')).rejects.toThrow();
      expect(await query(`select n from kept_${mode}`)).toEqual([{ n: 1 }]);
      await held.end().catch(() => undefined);
    },
  );
});
