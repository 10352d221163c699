import { LoggerModule } from 'nestjs-pino';
import { logContext } from './request-context';
import { redactSecrets } from './redact.util';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured JSON logs with correlation and tenant ids; tokens, passwords and cookies are redacted at any depth. */
export function loggingModule(level: LogLevel, autoLogging: boolean) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      autoLogging,
      mixin: logContext,
      // Paths below cover the HTTP request; this covers secrets anywhere in what a log line carries.
      formatters: { log: (record: Record<string, unknown>) => redactSecrets(record) },
      genReqId: (req) => (req as { id?: string }).id ?? '',
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
          // Invitation links carry their one-time token in the query: never into the logs.
          url: req.url?.replace(/([?&]token=)[^&]*/g, '$1[redacted]'),
        }),
      },
    },
  });
}
