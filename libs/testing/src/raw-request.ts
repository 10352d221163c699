import { request } from 'node:http';

export interface RawResponse {
  status: number;
  /** The Content-Type header as sent. */
  type: string;
  location?: string;
  body: string;
}

/**
 * One HTTP request exactly as given, over Node's own client on a connection of its own: a path with broken
 * %-encoding, a Host header, oversized headers, any body bytes — what fetch normalises or refuses to send.
 */
export function rawRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<RawResponse> {
  const url = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const req = request(
      { host: url.hostname, port: url.port, method, path, headers, agent: false },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            type: String(res.headers['content-type']),
            location: res.headers.location,
            body: text,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
