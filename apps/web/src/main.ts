import 'reflect-metadata';
import { loadConfigOrExit, publicAddressWarnings, startTracing } from '@hearth/platform';
import { WebEnv } from './config/env.schema';
import { sessionKeyFromSecret } from './session/session-key';
import { createWebApp } from './web.app';

async function main(): Promise<void> {
  const env = loadConfigOrExit(WebEnv);
  startTracing('web', env);
  const app = await createWebApp(
    {
      apiUrl: env.API_URL,
      sessionKey: sessionKeyFromSecret(env.SESSION_SECRET),
      publicUrl: env.PUBLIC_URL,
      allowInsecureLoopbackCookies: env.ALLOW_INSECURE_LOOPBACK_COOKIES,
      insecureHttp: env.ALLOW_INSECURE_HTTP,
      exitUrl: env.EXIT_URL,
    },
    { logLevel: env.LOG_LEVEL, trustProxy: env.TRUST_PROXY },
  );
  await app.listen(env.PORT, env.HOST);
  for (const warning of publicAddressWarnings(env)) process.stderr.write(`${warning}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(
    `Hearth's web app could not start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
