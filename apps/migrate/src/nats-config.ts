import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { natsAccountsConfig } from '@hearth/messaging';

/*
 * `npm run nats-config`: writes deploy/nats/accounts.conf from libs/contracts/src/permissions.ts. Run it after
 * changing who may say what on NATS; a unit test fails while the committed file differs.
 */
const target = resolve(__dirname, '../../../../deploy/nats/accounts.conf');
writeFileSync(target, natsAccountsConfig());
process.stdout.write(`Wrote ${target}\n`);
