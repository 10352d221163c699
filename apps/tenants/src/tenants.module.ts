import {
  Inject,
  Injectable,
  Module,
  type BeforeApplicationShutdown,
  type DynamicModule,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_PUBLISHER, OutboxRelay, type EventPublisher } from '@hearth/messaging';
import { ReadinessRegistry } from '@hearth/platform';
import { TENANTS_SCHEMA, TenantsDatabase } from './tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from './tenants.options';
import { TenantsController } from './tenants.controller';
import { AuthService } from './auth/auth.service';
import { AccountsRepository } from './accounts/accounts.repository';
import { AdminBootstrapService } from './accounts/admin-bootstrap.service';
import { RegionsService } from './regions/regions.service';
import { TenantsService } from './leros/tenants.service';
import { InvitationsService } from './invitations/invitations.service';
import { InvitationMailer } from './invitations/invitation-mailer';
import { AuditService } from './audit/audit.service';

/** Relays this service's outbox to the event transport for as long as the app runs. */
@Injectable()
export class TenantsOutbox implements OnApplicationBootstrap, BeforeApplicationShutdown {
  readonly relay: OutboxRelay;

  constructor(db: TenantsDatabase, @Inject(EVENT_PUBLISHER) publisher: EventPublisher) {
    this.relay = new OutboxRelay(db, publisher);
  }

  onApplicationBootstrap(): void {
    this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }
}

/** The tenants service: regions, LEROs and their lifecycle, accounts, grants, invitations, tokens. */
@Module({})
export class TenantsModule {
  static register(options: TenantsOptions): DynamicModule {
    return {
      module: TenantsModule,
      controllers: [TenantsController],
      providers: [
        { provide: TENANTS_OPTIONS, useValue: options },
        {
          provide: TenantsDatabase,
          inject: [ReadinessRegistry],
          useFactory: async (readiness: ReadinessRegistry) => {
            const db = await TenantsDatabase.connect(TENANTS_SCHEMA, {
              url: options.databaseUrl,
              poolMax: options.databasePoolMax,
            });
            readiness.register('tenants-db', db);
            return db;
          },
        },
        TenantsOutbox,
        AccountsRepository,
        AdminBootstrapService,
        AuthService,
        RegionsService,
        TenantsService,
        InvitationsService,
        InvitationMailer,
        AuditService,
      ],
      exports: [TenantsDatabase, AdminBootstrapService, TenantsOutbox],
    };
  }
}
