import { execFile, execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:https';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from './browser';

/** Debian's Caddy (`.ci/run` installs it when missing). */
export const CADDY = '/usr/bin/caddy';
/** The tested example: HTTPS on a LAN from Caddy's own certificate authority. */
export const CADDYFILE_LAN = resolve(__dirname, '../../../deploy/caddy/Caddyfile.lan');
/** The example for a public domain name (Let's Encrypt), validated only: no certificate can be had here. */
export const CADDYFILE = resolve(__dirname, '../../../deploy/caddy/Caddyfile');

const NAME = /^hearth-lan-(\d+)$/;
const ip = (...args: string[]) => execFileSync('ip', args, { stdio: 'pipe' }).toString();

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * A phone on the hall's wifi: a network namespace of its own joined to this machine by a veth pair on a /30 of
 * 10.213.0.0/16. This machine is `hostAddress` on the link, the phone `phoneAddress`, and the phone reaches
 * nothing else (no route, not even this machine's loopback). Needs root.
 */
export class Lan {
  readonly name = `hearth-lan-${process.pid}`;
  private readonly hostLink = `hl${process.pid}h`;
  private readonly phoneLink = `hl${process.pid}p`;
  readonly hostAddress: string;
  readonly phoneAddress: string;
  private dir?: string;

  private constructor(base: string, last: number) {
    this.hostAddress = `${base}.${last + 1}`;
    this.phoneAddress = `${base}.${last + 2}`;
  }

  static async create(): Promise<Lan> {
    if (process.getuid?.() !== 0) throw new Error('the LAN test makes a network namespace: run it as root');
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    Lan.removeLeftovers();
    const used = ip('-4', '-o', 'addr', 'show');
    let lan: Lan;
    do lan = new Lan(`10.213.${randomInt(0, 256)}`, randomInt(0, 64) * 4);
    while (used.includes(` ${lan.hostAddress}/`) || used.includes(` ${lan.phoneAddress}/`));
    try {
      ip('netns', 'add', lan.name);
      ip('link', 'add', lan.hostLink, 'type', 'veth', 'peer', 'name', lan.phoneLink, 'netns', lan.name);
      ip('addr', 'add', `${lan.hostAddress}/30`, 'dev', lan.hostLink);
      ip('link', 'set', lan.hostLink, 'up');
      ip('-n', lan.name, 'addr', 'add', `${lan.phoneAddress}/30`, 'dev', lan.phoneLink);
      ip('-n', lan.name, 'link', 'set', lan.phoneLink, 'up');
      ip('-n', lan.name, 'link', 'set', 'lo', 'up');
    } catch (err) {
      lan.remove();
      throw err;
    }
    return lan;
  }

  /** Namespaces and links a killed earlier run left behind (its process is gone). */
  private static removeLeftovers(): void {
    for (const line of ip('netns', 'list').split('\n')) {
      const pid = Number(NAME.exec(line.split(' ')[0])?.[1]);
      if (!(pid > 0) || pid === process.pid || isAlive(pid)) continue;
      try {
        ip('link', 'del', `hl${pid}h`);
      } catch {
        // gone with its namespace
      }
      ip('netns', 'del', `hearth-lan-${pid}`);
    }
  }

  /** Debian's Chromium, run inside the namespace (Playwright talks to it over a pipe, which crosses it). */
  async launchPhoneBrowser(): Promise<Browser> {
    this.dir ??= await mkdtemp(join(tmpdir(), 'hearth-lan-'));
    const wrapper = join(this.dir, 'chromium-on-the-lan');
    await writeFile(wrapper, `#!/bin/sh\nexec ip netns exec ${this.name} ${CHROMIUM} "$@"\n`, {
      mode: 0o755,
    });
    return chromium.launch({ executablePath: wrapper, args: CHROMIUM_ARGS });
  }

  /** Removes the link, the namespace and the wrapper; safe to call twice, and after a half-made `create`. */
  remove(): void {
    for (const args of [
      ['link', 'del', this.hostLink],
      ['netns', 'del', this.name],
    ]) {
      try {
        ip(...args);
      } catch {
        // not there (never made, or already removed)
      }
    }
    if (this.dir) void rm(this.dir, { recursive: true, force: true });
  }
}

/** A port nobody listens on now. */
export function freePort(host = '0.0.0.0'): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolvePort(port));
    });
  });
}

/**
 * `deploy/caddy/Caddyfile.lan` run as an operator would, but with its ports, storage and admin API the test's own
 * (the example itself is adapted unchanged; only those global settings are set in its JSON).
 */
export class CaddyProxy {
  private output = '';

  private constructor(
    private readonly child: ChildProcess,
    private readonly storage: string,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.output = (this.output + String(chunk)).slice(-8000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.output = (this.output + String(chunk)).slice(-8000)));
  }

  static async start(options: { address: string; upstream: string }): Promise<CaddyProxy> {
    if (!existsSync(CADDY)) throw new Error(`${CADDY} is missing: apt-get install -y caddy`);
    const [httpsPort, httpPort] = [await freePort(), await freePort()];
    const storage = await mkdtemp(join(tmpdir(), 'hearth-caddy-'));
    const adapted = await promisify(execFile)(
      CADDY,
      ['adapt', '--config', CADDYFILE_LAN, '--adapter', 'caddyfile'],
      {
        env: {
          ...process.env,
          HEARTH_ADDRESS: `${options.address}:${httpsPort}`,
          HEARTH_UPSTREAM: options.upstream,
        },
      },
    );
    const config = JSON.parse(adapted.stdout) as {
      admin?: unknown;
      storage?: unknown;
      apps: { http: { http_port?: number; https_port?: number } };
    };
    config.admin = { disabled: true };
    config.storage = { module: 'file_system', root: storage };
    config.apps.http.http_port = httpPort;
    config.apps.http.https_port = httpsPort;
    const file = join(storage, 'caddy.json');
    await writeFile(file, JSON.stringify(config));
    const child = spawn(CADDY, ['run', '--config', file], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_DATA_HOME: storage, XDG_CONFIG_HOME: storage },
    });
    return new CaddyProxy(child, storage, `https://${options.address}:${httpsPort}`);
  }

  /** Caddy's root certificate, which each device on the LAN is told to trust (docs/operating.md). */
  rootCertificate(): Promise<string> {
    return readFile(join(this.storage, 'pki', 'authorities', 'local', 'root.crt'), 'utf8');
  }

  /** What Caddy printed lately, for a failure's message. */
  get log(): string {
    return this.output;
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) {
      const exited = new Promise((done) => this.child.once('exit', done));
      this.child.kill('SIGTERM');
      await exited;
    }
    await rm(this.storage, { recursive: true, force: true });
  }
}

/** `caddy validate` on a Caddyfile (its automatic HTTPS is set up, no certificate is asked for). */
export async function validateCaddyfile(file: string): Promise<string> {
  const storage = await mkdtemp(join(tmpdir(), 'hearth-caddy-'));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      CADDY,
      ['validate', '--config', file, '--adapter', 'caddyfile'],
      { env: { ...process.env, XDG_DATA_HOME: storage, XDG_CONFIG_HOME: storage } },
    );
    return `${stdout}${stderr}`;
  } finally {
    await rm(storage, { recursive: true, force: true });
  }
}

/**
 * One HTTPS request that trusts only `ca` (Caddy's root), as a phone that installed it would: the certificate
 * must chain to it and name the address asked for.
 */
export function httpsRequest(
  url: string,
  ca: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((done, fail) => {
    const req = request(
      url,
      { method: init.method ?? 'GET', headers: init.headers, ca, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (body += chunk));
        res.on('end', () => done({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', fail);
    req.end(init.body);
  });
}
