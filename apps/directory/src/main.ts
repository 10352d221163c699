import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { DirectoryEnv } from './config/env.schema';
import { createDirectoryApp } from './directory.app';

bootstrapService(DirectoryEnv, (env) =>
  createDirectoryApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      reviewMonths: env.DIRECTORY_REVIEW_MONTHS,
      defaultContactEmail: env.DIRECTORY_CONTACT_EMAIL,
      importAllowLoopback: env.DIRECTORY_IMPORT_ALLOW_LOOPBACK,
      regionCacheTtlMs: env.DIRECTORY_REGION_CACHE_TTL,
      feedCacheSize: env.DIRECTORY_FEED_CACHE_SIZE,
    },
    serviceMessagingFromEnv(env, 'directory'),
    env.LOG_LEVEL,
  ),
);
