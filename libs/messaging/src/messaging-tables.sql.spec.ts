import { messagingTablesSql } from './messaging-tables.sql';

describe('messagingTablesSql', () => {
  it('creates the outbox, inbox and dead-letter tables in the given schema', () => {
    const sql = messagingTablesSql('membership').join('\n');
    expect(sql).toContain('create table "membership".outbox');
    expect(sql).toContain('create table "membership".inbox');
    expect(sql).toContain('create table "membership".dead_letter');
    expect(sql).toMatch(/on "membership"\.outbox \(id\) where published_at is null/);
    expect(sql).not.toMatch(/row level security/i);
  });
});
