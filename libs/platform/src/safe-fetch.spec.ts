import { checkFetchTarget, fetchableUrl, refusedAddress, SafeFetchError } from './safe-fetch';

describe('refusedAddress', () => {
  it.each([
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['127.0.0.1', 'loopback'],
    ['127.1.2.3', 'loopback'],
    ['169.254.169.254', 'linkLocal'],
    ['100.64.0.1', 'carrierGradeNat'],
    ['0.0.0.0', 'unspecified'],
    ['224.0.0.1', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['192.0.2.1', 'reserved'],
    ['::1', 'loopback'],
    ['::', 'unspecified'],
    ['fe80::1', 'linkLocal'],
    ['fc00::1', 'uniqueLocal'],
    ['fd12:3456::1', 'uniqueLocal'],
    ['ff02::1', 'multicast'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'linkLocal'],
    ['::ffff:0.0.0.0', 'unspecified'],
    ['64:ff9b::a00:1', 'rfc6052'],
    ['2002:7f00:1::', '6to4'],
    ['::7f00:1', 'not global unicast'],
    ['fec0::1', 'deprecatedSiteLocal'],
    ['not-an-address', 'not an IP address'],
  ])('refuses %s (%s)', (address, why) => {
    expect(refusedAddress(address)).toBe(why);
  });

  it.each(['8.8.8.8', '1.1.1.1', '151.101.0.81', '2a00:1450:4009:81f::200e', '::ffff:8.8.8.8'])(
    'allows the public address %s',
    (address) => {
      expect(refusedAddress(address)).toBeUndefined();
    },
  );

  it('allows loopback only when told, and never a private or link-local address', () => {
    for (const address of ['127.0.0.1', '127.9.9.9', '::1', '::ffff:127.0.0.1'])
      expect(refusedAddress(address, { allowLoopback: true })).toBeUndefined();
    for (const address of ['10.0.0.1', '169.254.169.254', 'fd00::1', '0.0.0.0'])
      expect(refusedAddress(address, { allowLoopback: true })).toBeDefined();
  });
});

describe('fetchableUrl', () => {
  it.each([
    ['file:///etc/passwd', /http/],
    ['gopher://example.org/', /http/],
    ['https://user:secret@example.org/', /password/],
    ['not a url', /not an address/],
  ])('refuses %s', (url, message) => {
    expect(() => fetchableUrl(url)).toThrow(message);
  });

  it('reads the numeric forms of an address as the address they are', async () => {
    for (const url of ['http://2130706433/', 'http://0x7f.1/', 'http://[::ffff:7f00:1]/', 'http://127.1/'])
      await expect(checkFetchTarget(url)).rejects.toMatchObject({ reason: 'address' });
  });
});

describe('checkFetchTarget', () => {
  const resolvingTo =
    (...addresses: string[]) =>
    async () =>
      addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));

  it('refuses a name that resolves to a private address, or to a public and a private one', async () => {
    for (const resolve of [resolvingTo('10.0.0.5'), resolvingTo('93.184.216.34', '192.168.0.2')])
      await expect(checkFetchTarget('https://feed.example.org/', { resolve })).rejects.toThrow(
        SafeFetchError,
      );
  });

  it('answers the addresses of a public name, to connect to', async () => {
    const target = await checkFetchTarget('https://feed.example.org/oruk', {
      resolve: resolvingTo('93.184.216.34'),
    });
    expect(target.addresses).toEqual([{ address: '93.184.216.34', family: 4 }]);
    expect(target.url.hostname).toBe('feed.example.org');
  });
});
