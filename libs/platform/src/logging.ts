import { LoggerModule } from 'nestjs-pino';
import { logContext } from './request-context';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/** Structured JSON logs with correlation and tenant ids; tokens, passwords and cookies are redacted. */
export function loggingModule(level: LogLevel, autoLogging: boolean) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      autoLogging,
      mixin: logContext,
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
