import { isIP } from 'node:net';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidationArguments, buildMessage } from 'class-validator';

/** proxy-addr's names for address ranges, which Fastify's `trustProxy` understands too. */
const RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function isAddressOrCidr(entry: string): boolean {
  if (RANGES.includes(entry)) return true;
  const [address, prefix, ...rest] = entry.split('/');
  const family = isIP(address);
  if (!family || rest.length > 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/**
 * A comma-separated list of the proxies whose `X-Forwarded-For` is believed (addresses, CIDRs, `loopback`…);
 * empty or `false` for none. Never `true`: believing every sender lets anyone choose their own address and
 * so dodge per-address rate limits.
 */
export const TrustedProxies = () => (target: object, property: string) => {
  Transform(({ value }: { value: unknown }) => {
    if (Array.isArray(value)) return value;
    const raw = String(value ?? '').trim();
    if (raw === '' || raw.toLowerCase() === 'false') return [];
    return raw.split(',').map((s) => s.trim());
  })(target, property);
  ValidateBy({
    name: 'trustedProxies',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) && value.every((v) => typeof v === 'string' && isAddressOrCidr(v)),
      defaultMessage: buildMessage((_each: string, args?: ValidationArguments) =>
        (args?.value as unknown[] | undefined)?.some((v) => String(v).toLowerCase() === 'true')
          ? '$property must list the trusted proxies (addresses or CIDRs, e.g. 10.0.0.0/8,127.0.0.1), not true: believing every sender lets anyone choose their own address'
          : '$property must be a comma-separated list of addresses or CIDRs (or loopback, linklocal, uniquelocal)',
      ),
    },
  })(target, property);
};

/** For Fastify's `trustProxy`: the list, or false when it is empty. */
export const fastifyTrustProxy = (proxies: readonly string[] | undefined): string[] | false =>
  proxies && proxies.length > 0 ? [...proxies] : false;
