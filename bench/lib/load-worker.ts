import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';

/**
 * A load run whose every request is different (many sessions × members for check-in): autocannon's
 * programmatic API with a request list, in its own process like the CLI runs.
 * argv: <config.json>; prints the same JSON summary as `autocannon -j`.
 */
interface WorkerConfig {
  url: string;
  connections: number;
  seconds: number;
  headers: Record<string, string>;
  items: { method: 'GET' | 'POST'; path: string; body?: string }[];
}

const config = JSON.parse(readFileSync(process.argv[2], 'utf8')) as WorkerConfig;
let next = 0;
const instance = autocannon(
  {
    url: config.url,
    connections: config.connections,
    duration: config.seconds,
    headers: config.headers,
    requests: [
      {
        setupRequest: (req) => {
          const item = config.items[next++ % config.items.length];
          return { ...req, method: item.method, path: item.path, body: item.body };
        },
      },
    ],
  },
  (err, result) => {
    if (err) {
      process.stderr.write(String(err));
      process.exit(1);
    }
    process.stdout.write(JSON.stringify(result));
  },
);
process.once('SIGINT', () => instance.stop());
