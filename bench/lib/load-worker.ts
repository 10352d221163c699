import autocannon from 'autocannon';

/**
 * The load generator: one long-lived process (forked by `runLoad`, so autocannon's ~100 µs of CPU per request
 * stays out of the measured processes and no run pays for starting Node again) that runs autocannon's
 * programmatic API for each job it is sent and answers with autocannon's JSON result.
 */
export interface LoadJob {
  url: string;
  connections: number;
  seconds: number;
  method?: 'GET' | 'POST';
  headers: Record<string, string>;
  /** Every request different (paths and bodies rotated), e.g. check-ins over many sessions × members. */
  items?: {
    method: 'GET' | 'POST';
    path: string;
    body?: string;
    /** Over the run's headers for this request only (each respondent their own token, say). */
    headers?: Record<string, string>;
  }[];
}

process.on('message', ({ id, job }: { id: number; job: LoadJob }) => {
  let next = 0;
  const items = job.items;
  autocannon(
    {
      url: job.url,
      connections: job.connections,
      duration: job.seconds,
      headers: job.headers,
      ...(job.method ? { method: job.method } : {}),
      ...(items
        ? {
            requests: [
              {
                setupRequest: (req) => {
                  const item = items[next++ % items.length];
                  const headers = item.headers ? { ...req.headers, ...item.headers } : req.headers;
                  return { ...req, method: item.method, path: item.path, body: item.body, headers };
                },
              },
            ],
          }
        : {}),
    },
    (err, result) => process.send!({ id, error: err ? String(err) : undefined, result }),
  );
});
