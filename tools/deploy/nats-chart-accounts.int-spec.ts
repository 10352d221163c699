import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, posix } from 'node:path';
import { parse } from 'yaml';
import { readFileSync } from 'node:fs';
import { connect } from '@nats-io/transport-node';
import { jetstreamManager } from '@nats-io/jetstream';
import { NATS_USERS, natsPasswordVariable, type NatsUser } from '@hearth/contracts';
import { natsConnectionOptions, provisionJetStream } from '@hearth/messaging';

/*
 * The accounts of deploy/k8s/nats/values.yaml as a server reads them (docs/adr/0085): the files laid out as the
 * chart's pod mounts them (its config in /etc/nats-config, the `nats-accounts` ConfigMap where the values' patch
 * mounts it), a nats.conf with the `include` the chart renders from `config.merge`, and the password variables
 * the values' env names. nats-server 2.9.10 here; TLS and the cluster block are the chart's and are not run.
 */
const ROOT = join(__dirname, '..', '..');
type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const values = parse(readFileSync(join(ROOT, 'deploy/k8s/nats/values.yaml'), 'utf8')) as Doc;

describe('the NATS chart values’ accounts, on a server', () => {
  let dir: string;
  let child: ChildProcess;
  let url: string;
  const passwords: Record<string, string> = {};

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hearth-nats-chart-'));
    const include = values.config.merge.$include as string;
    const mount = (values.container.patch as Doc[]).find((p) => p.path === '/volumeMounts/-')!.value as Doc;
    // The pod's /etc, under the temporary directory.
    const etc = (path: string) => join(dir, posix.relative('/etc', path));
    await mkdir(etc('/etc/nats-config'), { recursive: true });
    await mkdir(etc(mount.mountPath as string), { recursive: true });
    await copyFile(
      join(ROOT, 'deploy/nats/accounts.conf'),
      join(etc(mount.mountPath as string), 'accounts.conf'),
    );
    const config = join(etc('/etc/nats-config'), 'nats.conf');
    await writeFile(
      config,
      `{\ninclude ${include};\n"jetstream": {"store_dir": "${join(dir, 'data')}"},\n"port": -1\n}\n`,
    );
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of Object.keys(values.container.env as Record<string, Doc>)) {
      const user = NATS_USERS.find((u) => natsPasswordVariable(u) === name) ?? name;
      passwords[user] = `p${randomBytes(12).toString('hex')}`;
      env[name] = passwords[user];
    }
    child = spawn(process.env.NATS_SERVER_BIN ?? '/usr/sbin/nats-server', ['-c', config, '-a', '127.0.0.1'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    url = await new Promise<string>((resolve, reject) => {
      let output = '';
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const port = /Listening for client connections on [^\s]+:(\d+)/.exec(output);
        if (port && output.includes('Server is ready')) {
          child.stdout?.resume();
          child.stderr?.resume();
          resolve(`nats://127.0.0.1:${port[1]}`);
        }
      };
      child.stdout?.on('data', onData);
      child.stderr?.on('data', onData);
      child.once('exit', () => reject(new Error(`nats-server exited before it was ready:\n${output}`)));
    });
  });

  afterAll(async () => {
    child?.kill('SIGKILL');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('starts with every user’s password from the variables the values set', () => {
    expect(Object.keys(passwords).sort()).toEqual([...NATS_USERS].sort());
  });

  it('lets migrate create the stream and an app sign in with its own password, and no one without', async () => {
    const as = (user: NatsUser, password = passwords[user]) =>
      connect(natsConnectionOptions({ natsUrl: url, nats: { user, password } }, `test-${user}`));
    const migrate = await as('migrate');
    try {
      const { consumers } = await provisionJetStream(await jetstreamManager(migrate));
      expect(consumers.length).toBeGreaterThan(0);
    } finally {
      await migrate.close();
    }
    const tenants = await as('tenants');
    await tenants.close();
    await expect(as('tenants', passwords.events)).rejects.toThrow(/authorization/i);
    await expect(connect({ servers: url, noAsyncTraces: true, reconnect: false })).rejects.toThrow(
      /authorization/i,
    );
  });
});
