import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { TENANTS_SCHEMA, TenantsDatabase } from './tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from './tenants.options';
import { TenantsController } from './tenants.controller';
import { AuthService } from './auth/auth.service';
import { SignInThrottle } from './auth/sign-in-throttle';
import { AccountsRepository } from './accounts/accounts.repository';
import { AdminBootstrapService } from './accounts/admin-bootstrap.service';
import { RegionsService } from './regions/regions.service';
import { TenantsService } from './leros/tenants.service';
import { PublicTenantsController } from './leros/public-tenants.controller';
import { PublicTenantsService } from './leros/public-tenants.service';
import { InvitationsService } from './invitations/invitations.service';
import { InvitationMailer } from './invitations/invitation-mailer';
import { AuditService } from './audit/audit.service';
import { MemberLinksService } from './member-links/member-links.service';

/** The tenants service: regions, LEROs and their lifecycle, accounts, grants, invitations, tokens. */
@Module({})
export class TenantsModule {
  static register(options: TenantsOptions): DynamicModule {
    return {
      module: TenantsModule,
      controllers: [TenantsController, PublicTenantsController],
      providers: [
        { provide: TENANTS_OPTIONS, useValue: options },
        ...serviceDataProviders(TenantsDatabase, TENANTS_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
        AccountsRepository,
        AdminBootstrapService,
        AuthService,
        SignInThrottle,
        RegionsService,
        TenantsService,
        PublicTenantsService,
        InvitationsService,
        InvitationMailer,
        AuditService,
        MemberLinksService,
      ],
      exports: [TenantsDatabase, AdminBootstrapService],
    };
  }
}
