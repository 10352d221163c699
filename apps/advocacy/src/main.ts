import 'reflect-metadata';
import { bootstrapService, serviceMessagingFromEnv } from '@hearth/messaging';
import { AdvocacyEnv } from './config/env.schema';
import { createAdvocacyApp } from './advocacy.app';

bootstrapService(AdvocacyEnv, (env) =>
  createAdvocacyApp(
    {
      databaseUrl: env.DATABASE_URL,
      databasePoolMax: env.DATABASE_POOL_MAX,
      respondentKey: env.ADVOCACY_RESPONDENT_KEY,
      answerBatchSize: env.ADVOCACY_ANSWER_BATCH_SIZE,
      closeSweepIntervalMs: env.ADVOCACY_CLOSE_SWEEP_INTERVAL_MS,
      proofOfWorkBits: env.ADVOCACY_PROOF_OF_WORK_BITS,
    },
    serviceMessagingFromEnv(env, 'advocacy'),
    env.LOG_LEVEL,
  ),
);
