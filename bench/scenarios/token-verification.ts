import { uuidv7 } from 'uuidv7';
import type { Actor } from '../../libs/contracts/src';
import { EnvelopeVerifier } from '../../libs/messaging/src/envelope-verifier';
import { TestTrust } from '../../libs/testing/src/trust';
import type { BenchConfig, BenchRow } from '../lib/compare';
import { figure, round } from '../lib/stats';

/**
 * `token-verification`: the CPU a service spends to believe a request, measured in this process on the very
 * code every service runs on every message (`EnvelopeVerifier.contextOf`: envelope checks, the token's
 * signature and claims, the closed-LERO check). A token seen for the first time costs the ES256 signature
 * check; a client's further requests within its lifetime are answered from the verification cache.
 */
export async function tokenVerification(config: BenchConfig): Promise<BenchRow[]> {
  const trust = new TestTrust();
  const verifier = new EnvelopeVerifier({ trust: trust.trust });
  const tenantId = uuidv7();
  const actor: Actor = {
    accountId: uuidv7(),
    email: 'bench@example.org',
    grants: [{ role: 'tenant-admin', tenantId }],
  };
  const n = config.quick ? 2_000 : 20_000;
  const cpuPerCall = async (envelopes: { ctx: unknown; data: unknown }[]) => {
    const before = process.cpuUsage();
    for (const envelope of envelopes) await verifier.contextOf(envelope);
    const used = process.cpuUsage(before);
    return (used.user + used.system) / envelopes.length;
  };
  const rounds = async (make: () => { ctx: unknown; data: unknown }[]) => {
    const out: number[] = [];
    for (let i = 0; i < config.rounds; i++) out.push(await cpuPerCall(make()));
    return figure(out);
  };
  // Warm the JIT on both paths first.
  await cpuPerCall(Array.from({ length: 200 }, () => ({ ctx: trust.ctx(actor), data: { tenantId } })));
  const fresh = await rounds(() =>
    Array.from({ length: n }, () => ({ ctx: trust.ctx(actor), data: { tenantId } })),
  );
  const seen = trust.ctx(actor);
  const cached = await rounds(() =>
    Array.from({ length: n }, () => ({ ctx: { ...seen }, data: { tenantId } })),
  );
  const row = (name: string, f: typeof fresh, note: string): BenchRow => ({
    name,
    rps: round(1e6 / f.median),
    p50Ms: 0,
    p99Ms: 0,
    ratio: null,
    note: `${round(f.median, 1)} µs CPU per request (min ${round(f.min, 1)}, max ${round(f.max, 1)}); ${note}`,
  });
  return [
    row('token-verification, first sight', fresh, 'ES256 signature and claims checked'),
    row('token-verification, cached', cached, 'the same token again within its lifetime'),
  ];
}
