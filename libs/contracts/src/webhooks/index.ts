export * from './subjects';
export * from './events';
export * from './webhook.dto';
export * from './webhooks.client';
