import type { LoggerService } from '@nestjs/common';
import { QuietStartupLogger, loggableUrl } from './logging';

describe('loggableUrl', () => {
  it('drops what people typed into a query string, keeping the path', () => {
    expect(loggableUrl('/api/v1/tenants/x/members?search=jane%40example.org&limit=5')).toBe(
      '/api/v1/tenants/x/members?[redacted]',
    );
    expect(loggableUrl('/invitations/accept?token=secret')).toBe('/invitations/accept?[redacted]');
  });

  it('leaves a URL without a query as it is', () => {
    expect(loggableUrl('/health/ready')).toBe('/health/ready');
    expect(loggableUrl(undefined)).toBeUndefined();
  });
});

describe('QuietStartupLogger', () => {
  const record = () => {
    const calls: [string, ...unknown[]][] = [];
    const inner: LoggerService = {
      log: (...args: unknown[]) => calls.push(['log', ...args]),
      error: (...args: unknown[]) => calls.push(['error', ...args]),
      warn: (...args: unknown[]) => calls.push(['warn', ...args]),
      debug: (...args: unknown[]) => calls.push(['debug', ...args]),
      verbose: (...args: unknown[]) => calls.push(['verbose', ...args]),
    };
    return { calls, logger: new QuietStartupLogger(inner) };
  };

  it('says every mapped route and wired module at debug, so a start at info is a few lines', () => {
    const { calls, logger } = record();
    logger.log('Mapped {/api/v1/tenants, GET} route', 'RouterExplorer');
    logger.log('TenantsController {/api/v1/tenants}:', 'RoutesResolver');
    logger.log('TenantsModule dependencies initialized', 'InstanceLoader');
    expect(calls.map(([level]) => level)).toEqual(['debug', 'debug', 'debug']);
    expect(calls[0]).toEqual(['debug', 'Mapped {/api/v1/tenants, GET} route', 'RouterExplorer']);
  });

  it('passes everything else on at its own level', () => {
    const { calls, logger } = record();
    logger.log('Nest application successfully started', 'NestApplication');
    logger.log('no context');
    logger.warn('careful', 'AdminBootstrapService');
    logger.error('broken', 'stack', 'ExceptionsHandler');
    logger.fatal('gone', 'Main');
    expect(calls).toEqual([
      ['log', 'Nest application successfully started', 'NestApplication'],
      ['log', 'no context'],
      ['warn', 'careful', 'AdminBootstrapService'],
      ['error', 'broken', 'stack', 'ExceptionsHandler'],
      ['error', 'gone', 'Main'],
    ]);
  });
});
