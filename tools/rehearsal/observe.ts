import { readFile, readdir, readlink } from 'node:fs/promises';
import type { TestNatsCluster } from '../../libs/testing/src/nats-cluster';
import type { Replica } from './hearth-processes';

/*
 * What the rehearsal watches from outside, without help from Hearth's code: which process each NATS connection
 * belongs to (the server's /connz by client port, matched to the process's sockets in /proc), how many messages
 * each replica's queue subscriptions and inboxes were handed, each process's CPU time (/proc/<pid>/stat), and the
 * gauges on each replica's /metrics.
 */

interface ConnzSub {
  subject: string;
  qgroup?: string;
  msgs: number;
}
interface Connz {
  connections?: { cid: number; port: number; subscriptions_list_detail?: ConnzSub[] }[];
}

/** Local TCP port → socket inode, for every TCP socket of this network namespace. */
async function tcpPorts(): Promise<Map<string, number>> {
  const byInode = new Map<string, number>();
  for (const file of ['/proc/net/tcp', '/proc/net/tcp6']) {
    const text = await readFile(file, 'utf8').catch(() => '');
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 10) continue;
      byInode.set(cols[9], parseInt(cols[1].split(':').pop()!, 16));
    }
  }
  return byInode;
}

/** The local ports of a process's TCP sockets. */
async function portsOf(pid: number, byInode: Map<string, number>): Promise<number[]> {
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => [] as string[]);
  const ports: number[] = [];
  for (const fd of fds) {
    const link = await readlink(`/proc/${pid}/fd/${fd}`).catch(() => '');
    const inode = /^socket:\[(\d+)\]$/.exec(link)?.[1];
    const port = inode ? byInode.get(inode) : undefined;
    if (port !== undefined) ports.push(port);
  }
  return ports;
}

/** CPU seconds (user + system) a process has used so far, or undefined once it is gone. */
export async function cpuSeconds(pid: number | undefined): Promise<number | undefined> {
  if (pid === undefined) return undefined;
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  // Fields after the command name (which may hold spaces): state is the 3rd, utime the 14th, stime the 15th.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100; // USER_HZ is 100 on Linux
}

/** Gauges of one Prometheus text page, summed over their labels. */
export function gaugeSums(text: string, names: readonly string[]): Record<string, number> {
  const sums: Record<string, number> = {};
  for (const line of text.split('\n')) {
    const match = /^([a-z_]+)(?:\{[^}]*\})?\s+(\S+)$/.exec(line);
    if (match && names.includes(match[1])) sums[match[1]] = (sums[match[1]] ?? 0) + Number(match[2]);
  }
  return sums;
}

export const GAUGES = [
  'hearth_outbox_backlog',
  'hearth_outbox_oldest_seconds',
  'hearth_event_consumer_lag',
  'hearth_dead_letters',
] as const;

export interface MetricSample {
  /** Seconds since the write stream started. */
  t: number;
  replica: string;
  values: Record<string, number>;
}

export interface MessageCounts {
  /** Requests handed to the replica's queue subscriptions (request-reply through the gateway). */
  queue: number;
  /** Messages on its other subscriptions: JetStream deliveries to its pull consumers, and API answers. */
  inbox: number;
}

export class Observer {
  /** Per NATS node and connection id: whose it was and the last counts seen (a connection's counts only grow). */
  private readonly connections = new Map<string, { replica: string; node: string } & MessageCounts>();
  private readonly cpuFirst = new Map<string, number>();
  private readonly cpuLast = new Map<string, number>();
  readonly metrics: MetricSample[] = [];
  private timers: NodeJS.Timeout[] = [];
  private busy?: Promise<void>;
  private scraping?: Promise<void>;
  private readonly started = Date.now();

  constructor(
    private readonly nats: TestNatsCluster,
    private readonly replicas: () => Replica[],
    private readonly metricsOf: (r: Replica) => boolean,
  ) {}

  /**
   * Samples connections and CPU every `everyMs`, and scrapes `/metrics` every `scrapeEveryMs` (a backlog lasts
   * only while a publish waits: frequent scrapes see it), until `stop`.
   */
  start(everyMs: number, scrapeEveryMs: number): void {
    this.timers.push(
      setInterval(() => {
        this.busy ??= this.sample()
          .catch(() => undefined)
          .finally(() => (this.busy = undefined));
      }, everyMs),
      setInterval(() => {
        this.scraping ??= this.scrape()
          .catch(() => undefined)
          .finally(() => (this.scraping = undefined));
      }, scrapeEveryMs),
    );
  }

  async stop(): Promise<void> {
    this.timers.forEach(clearInterval);
    await Promise.all([this.busy, this.scraping]);
    await Promise.all([this.sample(), this.scrape()]);
  }

  /** CPU seconds each replica used since it was first sampled (a killed one: up to its last sample). */
  cpu(): Record<string, number> {
    return Object.fromEntries(
      [...this.cpuLast].map(([id, last]) => [id, Number((last - (this.cpuFirst.get(id) ?? 0)).toFixed(2))]),
    );
  }

  /** Forgets the CPU used so far (start-up and set-up), so that `cpu` counts from now. */
  async resetCpu(): Promise<void> {
    for (const r of this.replicas()) {
      const now = await cpuSeconds(r.process.child.pid);
      if (now !== undefined) this.cpuFirst.set(r.id, now);
    }
  }

  messages(): Record<string, MessageCounts> {
    const out: Record<string, MessageCounts> = {};
    for (const c of this.connections.values()) {
      const sum = (out[c.replica] ??= { queue: 0, inbox: 0 });
      sum.queue += c.queue;
      sum.inbox += c.inbox;
    }
    return out;
  }

  /** The NATS nodes each replica's connections were seen on, in the order first seen. */
  natsNodes(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const c of this.connections.values()) {
      const nodes = (out[c.replica] ??= []);
      if (!nodes.includes(c.node)) nodes.push(c.node);
    }
    return out;
  }

  private async sample(): Promise<void> {
    const live = this.replicas();
    for (const r of live) {
      const now = await cpuSeconds(r.process.child.pid);
      if (now === undefined) continue;
      if (!this.cpuFirst.has(r.id)) this.cpuFirst.set(r.id, now);
      this.cpuLast.set(r.id, now);
    }
    const byInode = await tcpPorts();
    const owner = new Map<number, string>();
    for (const r of live)
      if (r.process.child.pid !== undefined)
        for (const port of await portsOf(r.process.child.pid, byInode)) owner.set(port, r.id);
    for (const node of this.nats.nodes) {
      if (node.pid === undefined) continue;
      const connz = (await fetch(`${node.monitorUrl}/connz?subs=detail&limit=4096`)
        .then((res) => res.json())
        .catch(() => ({}))) as Connz;
      for (const c of connz.connections ?? []) {
        const replica = owner.get(c.port);
        if (!replica) continue;
        const subs = c.subscriptions_list_detail ?? [];
        const sum = (pick: (s: ConnzSub) => boolean) =>
          subs.filter(pick).reduce((a, s) => a + (s.msgs ?? 0), 0);
        this.connections.set(`${node.name}/${c.cid}`, {
          replica,
          node: node.name,
          queue: sum((s) => !!s.qgroup),
          inbox: sum((s) => !s.qgroup),
        });
      }
    }
  }

  private async scrape(): Promise<void> {
    const t = Number(((Date.now() - this.started) / 1000).toFixed(1));
    await Promise.all(
      this.replicas()
        .filter(this.metricsOf)
        .map(async (r) => {
          const text = await fetch(`http://127.0.0.1:${r.healthPort}/metrics`)
            .then((res) => (res.ok ? res.text() : undefined))
            .catch(() => undefined);
          if (text) this.metrics.push({ t, replica: r.id, values: gaugeSums(text, GAUGES) });
        }),
    );
  }
}
