import { natsConnectionOptions, natsServers } from './messaging.options';

describe('NATS_URL with a cluster', () => {
  it('gives nats.js each node of a comma-separated list as its own server', () => {
    expect(natsServers('nats://nats-0.nats:4222, nats://nats-1.nats:4222,nats://nats-2.nats:4222')).toEqual([
      'nats://nats-0.nats:4222',
      'nats://nats-1.nats:4222',
      'nats://nats-2.nats:4222',
    ]);
    expect(natsConnectionOptions({ natsUrl: 'nats://a:4222,nats://b:4222' }, 'hearth').servers).toEqual([
      'nats://a:4222',
      'nats://b:4222',
    ]);
  });

  it('keeps a single server as it is', () => {
    expect(natsServers('nats://127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
    expect(natsServers(undefined)).toBeUndefined();
  });
});
