// Time budget: under 4 minutes on a 2-core machine (measured 97 s alone): two Hearths of their own started
// three times in all, a backup and four restores (each derives its key with scrypt, about half a second).
import { chmod, mkdtemp, mkdir, open, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@hearth/platform';
import { ApiClient, Given } from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';
import { runBackup } from '../src/backup/backup.command';
import { runRestore } from '../src/backup/restore.command';

type Json = Record<string, unknown>;
const ADMIN = { email: 'admin@backup.example.org', password: 'a long admin passphrase' };
const STAFF_PASSWORD = 'correct horse battery staple';
const PASSPHRASE = 'hall keys under the third plant pot';
const BUDGET_MS = 240_000;
const SECRETS = ['events-participant-key.secret', 'jwt-private.pem', 'reporting-member-key.secret'];

describe('npm run backup and npm run restore (standalone)', () => {
  let root: string;
  let ledger: string;
  let backupFile: string;
  let hearth: RunningHearth | undefined;
  const said: string[] = [];
  const io = { out: (line: string) => said.push(line) };
  const envFor = (dataDir: string, more: Record<string, string> = {}) => ({
    HEARTH_DATA_DIR: dataDir,
    HEARTH_ERASURE_LEDGER: ledger,
    INIT_CWD: root,
    ...more,
  });
  const start = async (dataDir: string) => {
    const env = loadConfig(StandaloneEnv, {
      ...envFor(dataDir),
      PORT: '0',
      LOG_LEVEL: 'warn',
      HEARTH_ADMIN_EMAIL: ADMIN.email,
      HEARTH_ADMIN_PASSWORD: ADMIN.password,
      // Tokens signed before the backup are used after the restore, minutes later on a loaded machine: the
      // default 60 s would make that check fail for the clock's sake (it did at load 20 on 2026-12-06).
      ACCESS_TOKEN_TTL: '900',
    });
    hearth = await startStandalone(env, () => undefined);
    return new ApiClient(hearth.url);
  };
  const stop = async () => {
    await hearth?.stop();
    hearth = undefined;
  };

  // What Hearth held when the backup was made, and what happened after.
  let given: Given;
  let lero: { id: string; adminEmail: string; adminToken: string };
  let membersAtBackup: string[];
  let morgan: { id: string; email: string };
  let sessionPath: string;
  let nell: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'hearth-backup-'));
    await chmod(root, 0o711); // as root, PostgreSQL runs as "postgres", which must reach the data directories in it
    ledger = join(root, 'erasures.ledger');
    backupFile = join(root, 'hearth.backup');
    const a = join(root, 'a');
    const api = await start(a);
    given = new Given(api, ADMIN);
    const region = await given.region();
    lero = await given.lero(region.id);
    const staff = api.as(lero.adminToken);
    const t = `/api/v1/tenants/${lero.id}`;
    const add = async (body: Json) => {
      const res = await staff.post<{ id: string }>(`${t}/members`, body);
      expect(res.status).toBe(201);
      return res.body.id;
    };
    const kim = await add({ displayName: 'Kim Backup', communityRoles: ['volunteer'] });
    await add({ displayName: 'Lee Backup', email: 'lee@backup.example.org', communityRoles: [] });
    morgan = {
      id: await add({ displayName: 'Morgan Backup', communityRoles: [] }),
      email: 'morgan@backup.example.org',
    };
    // Morgan signs in to their own record.
    const invite = await staff.post<{ token: string }>(`${t}/invitations`, {
      email: morgan.email,
      role: 'member',
      memberId: morgan.id,
    });
    expect(invite.status).toBe(201);
    await given.acceptInvitation(invite.body.token, morgan.email, STAFF_PASSWORD);
    // Kim and Morgan came to a session that started ten minutes ago.
    const startsAt = new Date(Date.now() - 10 * 60_000).toISOString().slice(0, 16);
    const activity = await staff.post<{ id: string }>(`${t}/activities`, {
      title: 'Peer support',
      category: 'peer-support',
      visibility: 'members',
      schedule: { startsAt, durationMinutes: 90, timezone: 'UTC' },
    });
    expect(activity.status).toBe(201);
    const from = encodeURIComponent(new Date(Date.now() - 86_400_000).toISOString());
    const sessions = await staff.get<{ items: { id: string }[] }>(
      `${t}/sessions?activityId=${activity.body.id}&from=${from}`,
    );
    sessionPath = `${t}/sessions/${sessions.body.items[0].id}`;
    for (const memberId of [kim, morgan.id]) {
      expect((await staff.post(`${sessionPath}/attendance`, { memberId })).status).toBe(201);
    }
    membersAtBackup = await memberNames(staff, lero.id);

    // The backup is made while Hearth runs.
    expect(await runBackup(['hearth.backup'], envFor(a, { BACKUP_PASSPHRASE: PASSPHRASE }), io)).toBe(0);

    // After it: Morgan is erased, and someone joins and is erased (the ledger names them, the backup does not).
    expect((await staff.request('DELETE', `${t}/members/${morgan.id}`)).status).toBe(204);
    nell = await add({ displayName: 'Nell After', communityRoles: [] });
    expect((await staff.request('DELETE', `${t}/members/${nell}`)).status).toBe(204);
    await add({ displayName: 'Olu After', communityRoles: [] });
    await stop();
  }, BUDGET_MS);

  afterAll(async () => {
    await stop();
    await rm(root, { recursive: true, force: true });
  });

  it('writes the backup readable by its owner only (0600), encrypted', async () => {
    expect((await stat(backupFile)).mode & 0o777).toBe(0o600);
    const bytes = await readFile(backupFile);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('HEARTHBK');
    for (const secret of ['Morgan Backup', 'lee@backup.example.org', 'BEGIN PRIVATE KEY']) {
      expect(bytes.includes(Buffer.from(secret))).toBe(false);
    }
    expect(said.join('\n')).toMatch(/Backed up .* \(Hearth running\) .* mode 0600/);
  });

  it(
    'restores into a fresh directory: Hearth starts, its people sign in, the same members are there, and the erasure made after the backup is made again',
    async () => {
      const b = join(root, 'b');
      said.length = 0;
      expect(await runRestore(['hearth.backup'], envFor(b, { BACKUP_PASSPHRASE: PASSPHRASE }), io)).toBe(0);
      expect(said.join('\n')).toContain('Erased again 1 member(s) erased after the backup was made');
      for (const name of SECRETS) {
        expect(await readFile(join(b, name), 'utf8')).toBe(await readFile(join(root, 'a', name), 'utf8'));
        expect((await stat(join(b, name))).mode & 0o777).toBe(0o600);
      }

      const api = await start(b);
      // Sign-in over HTTP: the password, then a code from the authenticator set up before the backup.
      const restored = new Given(api, ADMIN, given.authenticators);
      const admin = api.as(await restored.login(lero.adminEmail, STAFF_PASSWORD));
      expect(await memberNames(admin, lero.id)).toEqual(membersAtBackup.filter((n) => n !== 'Morgan Backup'));
      // A token signed before the backup still holds: the signing key came back with the data.
      expect((await api.as(lero.adminToken).get(`/api/v1/tenants/${lero.id}`)).status).toBe(200);
      expect((await restored.platformAdmin()).length).toBeGreaterThan(0);

      // Morgan, erased after the backup, is gone everywhere: the record, the sign-in, the register.
      expect((await admin.get(`/api/v1/tenants/${lero.id}/members/${morgan.id}`)).status).toBe(404);
      const signIn = await api.post('/api/v1/auth/login', { email: morgan.email, password: STAFF_PASSWORD });
      expect(signIn.status).toBe(401);
      const register = await admin.get<{ members: { displayName: string }[]; formerMembers: number }>(
        `${sessionPath}/attendance`,
      );
      expect(register.body.members.map((m) => m.displayName)).toEqual(['Kim Backup']);
      expect(register.body.formerMembers).toBe(1);
      // The ledger still names Morgan and Nell once each; the restore added nothing twice.
      const lines = (await readFile(ledger, 'utf8')).split('\n').filter((l) => l && !l.startsWith('#'));
      expect(lines).toEqual([`${lero.id} ${morgan.id}`, `${lero.id} ${nell}`]);
      await stop();
    },
    BUDGET_MS,
  );

  it('refuses a wrong passphrase, saying so, and leaves no directory behind', async () => {
    const c = join(root, 'c');
    await expect(
      runRestore(['hearth.backup'], envFor(c, { BACKUP_PASSPHRASE: 'not the passphrase at all' }), io),
    ).rejects.toThrow(/Wrong passphrase/);
    await expect(stat(c)).rejects.toThrow(/ENOENT/);
  });

  it('refuses to restore into a directory that is not empty, and changes nothing in it', async () => {
    const a = join(root, 'a');
    const before = (await readdir(a)).sort();
    await expect(
      runRestore(['hearth.backup'], envFor(a, { BACKUP_PASSPHRASE: PASSPHRASE }), io),
    ).rejects.toThrow(/is not empty .* restored only into an empty data directory/s);
    expect((await readdir(a)).sort()).toEqual(before);
  });

  it('refuses a damaged backup, and empties the directory it was restoring into', async () => {
    const damaged = join(root, 'damaged.backup');
    const bytes = await readFile(backupFile);
    bytes[Math.floor(bytes.length / 2)] ^= 0x40;
    await writeFile(damaged, bytes);
    const d = join(root, 'd');
    await mkdir(d);
    await expect(
      runRestore(['damaged.backup'], envFor(d, { BACKUP_PASSPHRASE: PASSPHRASE }), io),
    ).rejects.toThrow(/damaged.*Nothing was restored/s);
    expect(await readdir(d)).toEqual([]);
  }, 60_000);

  it('refuses a short passphrase, and a file that exists, writing nothing', async () => {
    const a = join(root, 'a');
    await expect(
      runBackup(['short.backup'], envFor(a, { BACKUP_PASSPHRASE: 'too short' }), io),
    ).rejects.toThrow(/too short/);
    await expect(stat(join(root, 'short.backup'))).rejects.toThrow(/ENOENT/);
    const handle = await open(backupFile, 'r');
    const size = (await handle.stat()).size;
    await handle.close();
    await expect(
      runBackup(['hearth.backup'], envFor(a, { BACKUP_PASSPHRASE: PASSPHRASE }), io),
    ).rejects.toThrow(/exists already/);
    expect((await stat(backupFile)).size).toBe(size);
  });
});

/** The display names of a LERO's members, as staff see them. */
async function memberNames(api: ApiClient, tenantId: string): Promise<string[]> {
  const res = await api.get<{ items: { displayName: string }[] }>(
    `/api/v1/tenants/${tenantId}/members?limit=100`,
  );
  expect(res.status).toBe(200);
  return res.body.items.map((m) => m.displayName).sort();
}
