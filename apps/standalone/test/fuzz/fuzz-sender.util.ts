import { Agent, request } from 'node:http';
import type { FuzzOperation, FuzzRequest } from './fuzz-operation';

export interface FuzzAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The connection was reset before an answer (Node closes it after a 431, say). */
  reset?: boolean;
  timedOut?: boolean;
}

export interface Finding {
  operation: string;
  label: string;
  request: string;
  problem: string;
  status: number;
  detail: string;
}

const agent = new Agent({ keepAlive: true, maxSockets: 8 });
const TIMEOUT_MS = 15_000;

/** Sends a request exactly as built (raw path, any bytes), with Node's HTTP client rather than fetch's rules. */
export async function send(baseUrl: string, req: FuzzRequest): Promise<FuzzAnswer> {
  const answer = await sendOnce(baseUrl, req, agent);
  // A kept-alive connection the server closed as this request went out: once more on a connection of its own.
  return answer.reset ? sendOnce(baseUrl, req, false) : answer;
}

function sendOnce(baseUrl: string, req: FuzzRequest, via: Agent | false): Promise<FuzzAnswer> {
  const url = new URL(baseUrl);
  return new Promise((resolve) => {
    const outgoing = request(
      {
        agent: via,
        host: url.hostname,
        port: url.port,
        method: req.method,
        path: req.path,
        headers: {
          ...req.headers,
          ...(req.body !== undefined ? { 'content-length': Buffer.byteLength(req.body) } : {}),
        },
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: String(res.headers['content-type'] ?? ''),
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', () => resolve({ status: 0, contentType: '', body: '', reset: true }));
      },
    );
    outgoing.on('timeout', () => {
      outgoing.destroy();
      resolve({ status: 0, contentType: '', body: '', timedOut: true });
    });
    outgoing.on('error', () => resolve({ status: 0, contentType: '', body: '', reset: true }));
    if (req.body !== undefined) outgoing.write(req.body);
    outgoing.end();
  });
}

/** What is wrong with an answer, if anything: a 5xx, an error that is not problem+json (API) or HTML (page). */
export function problemWith(op: FuzzOperation, req: FuzzRequest, answer: FuzzAnswer): string | undefined {
  if (answer.timedOut) return 'no answer within 15 s';
  if (answer.reset)
    return req.label === 'headers too large' ? undefined : 'connection reset without an answer';
  if (answer.status >= 500) return `${answer.status}`;
  if (answer.status >= 400) {
    if (op.audience === 'page') {
      if (!answer.contentType.startsWith('text/html'))
        return `error page not HTML (${answer.contentType || 'no type'})`;
    } else {
      if (!answer.contentType.startsWith('application/problem+json'))
        return `error not problem+json (${answer.contentType || 'no type'})`;
      try {
        const problem = JSON.parse(answer.body) as {
          status?: unknown;
          requestId?: unknown;
          detail?: unknown;
        };
        if (
          problem.status !== answer.status ||
          typeof problem.requestId !== 'string' ||
          typeof problem.detail !== 'string'
        )
          return 'problem+json without status, detail or requestId';
      } catch {
        return 'problem+json that is not JSON';
      }
    }
  }
  // A page may refuse by sending the person elsewhere (a redirect); the API refuses with a 4xx.
  if (req.expect === 'refused' && answer.status < (op.audience === 'api' ? 400 : 300))
    return `invalid request accepted (${answer.status})`;
  return undefined;
}

/** A request in a line: method, path, the start of its body. */
export function describe(req: FuzzRequest): string {
  const body =
    req.body === undefined
      ? ''
      : ` ${JSON.stringify(req.body.slice(0, 160))}${req.body.length > 160 ? '…' : ''}`;
  return `${req.method} ${req.path.slice(0, 200)}${body}`;
}

/** Runs tasks with at most `width` in flight, in order of start. */
export async function inPool<T, R>(items: T[], width: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
  return results;
}

export function closeAgent(): void {
  agent.destroy();
}
