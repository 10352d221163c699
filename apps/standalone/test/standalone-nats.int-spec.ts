import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstreamManager } from '@nats-io/jetstream';
import { EVENTS_STREAM, EVENT_CONSUMERS } from '@hearth/contracts';
import { loadConfig } from '@hearth/platform';
import {
  ApiClient,
  Given,
  createTestDatabase,
  eventually,
  startTestNats,
  type TestDatabase,
  type TestNats,
} from '@hearth/testing';
import { StandaloneEnv } from '../src/config/env.schema';
import { startStandalone, type RunningHearth } from '../src/standalone';

type Json = Record<string, unknown>;

/**
 * Standalone on NATS (NATS_URL set): every service in one process, signed in as the `standalone` NATS user,
 * which provisions the stream and consumers itself as migrate would, then relays and consumes through them.
 */
describe('standalone on NATS, as its own NATS user', () => {
  let db: TestDatabase;
  let nats: TestNats;
  let dataDir: string;
  let hearth: RunningHearth | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    nats = await startTestNats({ provision: false });
    dataDir = await mkdtemp(join(tmpdir(), 'hearth-standalone-nats-'));
  });

  afterAll(async () => {
    await hearth?.stop();
    await nats?.stop();
    await db?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('provisions JetStream, answers, and carries domain events through the stream to their consumers', async () => {
    const env = loadConfig(StandaloneEnv, {
      DATABASE_URL: db.ownerUrl,
      NATS_URL: nats.url,
      NATS_PASSWORD: nats.credentials('standalone').password,
      HEARTH_DATA_DIR: dataDir,
      HEARTH_ADMIN_EMAIL: 'admin@standalone-nats.example.org',
      HEARTH_ADMIN_PASSWORD: 'a long admin passphrase',
      PORT: '0',
      LOG_LEVEL: 'warn',
    });
    hearth = await startStandalone(env, () => undefined);
    const api = new ApiClient(hearth.url);
    expect((await api.get<Json>('/health/ready')).body).toMatchObject({ status: 'ok' });

    const given = new Given(api, {
      email: 'admin@standalone-nats.example.org',
      password: 'a long admin passphrase',
    });
    const platform = await given.platformAdmin();
    const lero = await given.lero((await given.region(platform)).id, platform);
    const created = await api.as(lero.adminToken).post<Json>(`/api/v1/tenants/${lero.id}/members`, {
      displayName: 'Robin',
    });
    expect(created.status).toBe(201);

    const admin = await nats.connect('migrate');
    try {
      const jsm = await jetstreamManager(admin);
      // The member's join went through the stream and reporting's consumer took it.
      await eventually(async () => {
        const info = await jsm.consumers.info(EVENTS_STREAM, EVENT_CONSUMERS.reportingMembership.durable);
        expect(info.delivered.stream_seq).toBeGreaterThan(0);
        expect(info.num_pending + info.num_ack_pending).toBe(0);
      });
      const subjects = await jsm.streams.info(EVENTS_STREAM, { subjects_filter: 'evt.>' });
      expect(Object.keys(subjects.state.subjects ?? {})).toEqual(
        expect.arrayContaining(['evt.tenants.tenant.onboarded', 'evt.membership.member.joined']),
      );
    } finally {
      await admin.close();
    }
  });
});
