export * from './config.util';
export * from './contract.pipe';
export * from './request-context';
export * from './logging';
export * from './health';
export * from './public.decorator';
export * from './service-env';
export * from './redact.util';
