// Before any test file: one name for this jest run, so its test databases can be found (and dropped) at the end.
import { randomBytes } from 'node:crypto';

export default async function globalSetup() {
  process.env.HEARTH_TEST_RUN ??= randomBytes(4).toString('hex');
}
