import { RequestMethod, type LoggerService } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { logContext } from './request-context';
import { redactSecrets } from './redact.util';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Where log lines go instead of stdout (a test that reads every line). */
export type LogDestination = DestinationStream;

/** An app's level, or its level and where its lines go. */
export type LogSettings = LogLevel | { level: LogLevel; destination?: LogDestination };

/**
 * A URL as it may be logged: the path only. Query strings carry what people typed (`?search=jane@example.org`)
 * and one-time tokens (invitation links), so the log says only that there was one.
 */
export const loggableUrl = (url: string | undefined): string | undefined => {
  if (url === undefined) return undefined;
  const at = url.indexOf('?');
  return at < 0 ? url : `${url.slice(0, at)}?[redacted]`;
};

/** What the request logger reads of a request (Fastify's middleware may have shortened `url`). */
interface LoggedRequest {
  id?: string;
  url?: string;
  originalUrl?: string;
}

/**
 * Structured JSON logs with correlation and tenant ids. Nothing personal or secret: tokens, passwords and
 * cookies are redacted at any depth, URLs lose their query string, responses log their status only. Requests
 * whose URL matches one of `unlogged` get no request line at all (an anonymous response: ADR 0062).
 */
export function loggingModule(settings: LogSettings, autoLogging: boolean, unlogged: readonly RegExp[] = []) {
  const { level, destination } =
    typeof settings === 'string' ? { level: settings, destination: undefined } : settings;
  const options = {
    level,
    // Probes and scrapes every few seconds would drown the requests people make.
    autoLogging: autoLogging && {
      ignore: (req: LoggedRequest) => {
        const url = req.originalUrl ?? req.url ?? '';
        return /^\/(health\/|metrics(\?|$))/.test(url) || unlogged.some((path) => path.test(url));
      },
    },
    mixin: logContext,
    // Paths below cover the HTTP request; this covers secrets anywhere in what a log line carries.
    formatters: { log: (record: Record<string, unknown>) => redactSecrets(record) },
    genReqId: (req: LoggedRequest) => req.id ?? '',
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        '*.password',
        '*.token',
        '*.refreshToken',
        '*.accessToken',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req: (req: { id?: string; method?: string; url?: string }) => ({
        id: req.id,
        method: req.method,
        url: loggableUrl(req.url),
      }),
      // A response's headers can name people (an export's file name, a Location): its status is enough.
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  };
  return LoggerModule.forRoot({
    pinoHttp: destination ? [options, destination] : options,
    // nestjs-pino's default route (`{/*splat}`) matches nothing under Nest 12's Fastify adapter: requests went
    // unlogged. Every path, said the way this adapter understands.
    forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
  });
}

/** Nest's start-up detail: a line per route mapped (~180) and per module wired. */
const START_UP_DETAIL = new Set(['RoutesResolver', 'RouterExplorer', 'InstanceLoader']);

/**
 * The app's logger with Nest's start-up detail moved to debug: at `info` a start says what matters (where it
 * listens, what went wrong, the first admin's password in standalone) instead of burying it; `LOG_LEVEL=debug`
 * shows every route again. `app.useLogger(new QuietStartupLogger(app.get(Logger)))`.
 */
export class QuietStartupLogger implements LoggerService {
  constructor(private readonly inner: LoggerService) {}

  log(message: unknown, ...params: unknown[]): void {
    const context = params.at(-1);
    if (typeof context === 'string' && START_UP_DETAIL.has(context)) this.debug(message, ...params);
    else this.inner.log(message, ...params);
  }

  error(message: unknown, ...params: unknown[]): void {
    this.inner.error(message, ...params);
  }

  warn(message: unknown, ...params: unknown[]): void {
    this.inner.warn(message, ...params);
  }

  debug(message: unknown, ...params: unknown[]): void {
    this.inner.debug?.(message, ...params);
  }

  verbose(message: unknown, ...params: unknown[]): void {
    this.inner.verbose?.(message, ...params);
  }

  fatal(message: unknown, ...params: unknown[]): void {
    (this.inner.fatal ?? this.inner.error).call(this.inner, message, ...params);
  }
}
