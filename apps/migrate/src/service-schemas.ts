import type { ServiceSchema } from '@hearth/persistence';
import { TENANTS_SCHEMA } from '../../tenants/src';
import { MEMBERSHIP_SCHEMA } from '../../membership/src';
import { EVENTS_SCHEMA } from '../../events/src';
import { REPORTING_SCHEMA } from '../../reporting/src';
import { DIRECTORY_SCHEMA } from '../../directory/src';
import { VOLUNTEERING_SCHEMA } from '../../volunteering/src';
import { ADVOCACY_SCHEMA } from '../../advocacy/src';
import { WEBHOOKS_SCHEMA } from '../../webhooks/src';

/** Every service's schema, in migration order. A new service adds its own here. */
export const SERVICE_SCHEMAS: ServiceSchema[] = [
  TENANTS_SCHEMA,
  MEMBERSHIP_SCHEMA,
  EVENTS_SCHEMA,
  REPORTING_SCHEMA,
  DIRECTORY_SCHEMA,
  VOLUNTEERING_SCHEMA,
  ADVOCACY_SCHEMA,
  WEBHOOKS_SCHEMA,
];
