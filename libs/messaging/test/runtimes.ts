import { startTestNats, testTrust, type TestNats } from '@hearth/testing';
import { inProcessMessaging, type MessagingOptions } from '@hearth/messaging';

/**
 * The two runtimes a request transport test runs on (`describe.each(runtimes.each)`): a test NATS of its own,
 * started on first use, as standalone's user; and the in-process bus.
 */
export function testRuntimes() {
  let nats: TestNats | undefined;
  const started = async (): Promise<TestNats> => (nats ??= await startTestNats({ provision: false }));
  const each: [string, () => Promise<MessagingOptions>][] = [
    ['over NATS', async () => ({ ...(await started()).as('standalone'), trust: testTrust.trust })],
    ['in process', async () => ({ ...inProcessMessaging(), trust: testTrust.trust })],
  ];
  return { each, started, stop: async () => nats?.stop() };
}
