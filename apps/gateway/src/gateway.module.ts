import { Module, type DynamicModule } from '@nestjs/common';
import {
  DirectoryClient,
  EventsClient,
  MembershipClient,
  ReportingClient,
  TenantsClient,
  VolunteeringClient,
  AdvocacyClient,
  AdvocacyAsksClient,
  TestimonyClient,
  AdvocacyRepresentationClient,
  WebhooksClient,
} from '@hearth/contracts';
import { clientProvider } from '@hearth/messaging';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { createPublicKey } from 'node:crypto';
import { AccessTokenStrategy, AnonymousTokenSigner, JwtAuthGuard, TokenVerifier } from '@hearth/auth';
import { ProblemFilter } from './http/problem.filter';
import { AuthController } from './auth/auth.controller';
import { DigestController } from './auth/digest.controller';
import { TwoFactorController } from './auth/two-factor.controller';
import { SsoController } from './auth/sso.controller';
import { IdentityProvidersController } from './tenants/identity-providers.controller';
import { RegionsController } from './regions/regions.controller';
import { TenantsController } from './tenants/tenants.controller';
import { InvitationsController } from './invitations/invitations.controller';
import { AccountsController } from './accounts/accounts.controller';
import { MembersController } from './members/members.controller';
import { MemberSheetsController } from './members/member-sheets.controller';
import { LeroAuditService } from './audit/lero-audit.service';
import { TenantAccessCache, TenantAccessGuard } from './http/tenant-access.guard';
import { TenantAccessInvalidation } from './http/tenant-access-invalidation';
import { ActivitiesController } from './activities/activities.controller';
import { SessionsController } from './activities/sessions.controller';
import { PublicProgrammeController } from './public/public-programme.controller';
import { PublicOpenActiveController } from './public/public-openactive.controller';
import { PublicVolunteeringController } from './public/public-volunteering.controller';
import { ReportsController } from './reports/reports.controller';
import { LeroReportsController } from './reports/lero-reports.controller';
import { LeroArchiveController } from './exports/lero-archive.controller';
import { LeroArchiveService } from './exports/lero-archive.service';
import { DirectoryListingsController } from './directory/directory-listings.controller';
import { DirectoryTaxonomyController } from './directory/directory-taxonomy.controller';
import { SignpostsController } from './directory/signposts.controller';
import { DirectoryImportsController } from './directory/directory-imports.controller';
import { DirectoryExportController } from './directory/directory-export.controller';
import { DirectoryExportService } from './directory/directory-export.service';
import { OrukFeedController } from './directory/oruk-feed.controller';
import { DirectoryCurationController } from './directory/directory-curation.controller';
import { DirectorySuggestionsController } from './directory/directory-suggestions.controller';
import { LeroSuggestionsController } from './directory/lero-suggestions.controller';
import { VolunteeringTrainingController } from './volunteering/volunteering-training.controller';
import { VolunteeringRolesController } from './volunteering/volunteering-roles.controller';
import { VolunteeringVolunteersController } from './volunteering/volunteering-volunteers.controller';
import { VolunteeringShiftsController } from './volunteering/volunteering-shifts.controller';
import { VolunteeringTrainingRecordsController } from './volunteering/volunteering-training-records.controller';
import { VolunteeringSignupsController } from './volunteering/volunteering-signups.controller';
import { VolunteeringPassportsController } from './volunteering/volunteering-passports.controller';
import { PassportVerificationController } from './volunteering/passport-verification.controller';
import { VolunteeringHoursController } from './volunteering/volunteering-hours.controller';
import { VolunteeringMyShiftsController } from './volunteering/volunteering-my-shifts.controller';
import { AdvocacyConsultationsController } from './advocacy/advocacy-consultations.controller';
import { RegionConsultationsController } from './advocacy/region-consultations.controller';
import { AdvocacyAsksController } from './advocacy/advocacy-asks.controller';
import { AdvocacySeatsController } from './advocacy/advocacy-seats.controller';
import { AdvocacyMeetingsController } from './advocacy/advocacy-meetings.controller';
import { PublicAsksController } from './public/public-asks.controller';
import { PublicUnsubscribeController } from './public/public-unsubscribe.controller';
import { RegionAsksController } from './advocacy/region-asks.controller';
import { PublicConsultationsController } from './advocacy/public-consultations.controller';
import { TESTIMONY_GATEWAY_CONTROLLERS } from './advocacy/testimony.controllers';
import { VolunteeringInterestsController } from './volunteering/volunteering-interests.controller';
import type { GatewayOptions } from './gateway.options';

/** The only HTTP entry: authenticates, validates, turns HTTP into NATS requests, maps errors to problem+json. */
import { WebhooksController } from './webhooks/webhooks.controller';
import { RegionWebhooksController } from './webhooks/region-webhooks.controller';

@Module({})
export class GatewayModule {
  static register(options: GatewayOptions): DynamicModule {
    return {
      module: GatewayModule,
      imports: [PassportModule],
      controllers: [
        AuthController,
        DigestController,
        TwoFactorController,
        SsoController,
        IdentityProvidersController,
        RegionsController,
        TenantsController,
        InvitationsController,
        AccountsController,
        MembersController,
        MemberSheetsController,
        ActivitiesController,
        SessionsController,
        PublicProgrammeController,
        PublicOpenActiveController,
        PublicVolunteeringController,
        ReportsController,
        LeroReportsController,
        LeroArchiveController,
        DirectoryListingsController,
        DirectoryTaxonomyController,
        SignpostsController,
        DirectoryImportsController,
        DirectoryExportController,
        OrukFeedController,
        DirectoryCurationController,
        DirectorySuggestionsController,
        LeroSuggestionsController,
        VolunteeringTrainingController,
        VolunteeringRolesController,
        VolunteeringVolunteersController,
        VolunteeringShiftsController,
        VolunteeringTrainingRecordsController,
        VolunteeringSignupsController,
        VolunteeringPassportsController,
        PassportVerificationController,
        VolunteeringHoursController,
        VolunteeringMyShiftsController,
        AdvocacyConsultationsController,
        ...TESTIMONY_GATEWAY_CONTROLLERS,
        RegionConsultationsController,
        PublicConsultationsController,
        VolunteeringInterestsController,
        AdvocacyAsksController,
        AdvocacySeatsController,
        AdvocacyMeetingsController,
        RegionAsksController,
        PublicAsksController,
        PublicUnsubscribeController,
        WebhooksController,
        RegionWebhooksController,
      ],
      providers: [
        {
          provide: TokenVerifier,
          useFactory: () =>
            new TokenVerifier({
              accessTokenPublicKeyPem: options.publicKeyPem,
              gatewayPublicKeyPem: createPublicKey(options.gatewayKey)
                .export({ type: 'spki', format: 'pem' })
                .toString(),
            }),
        },
        { provide: AnonymousTokenSigner, useFactory: () => new AnonymousTokenSigner(options.gatewayKey) },
        AccessTokenStrategy,
        { provide: APP_GUARD, useClass: JwtAuthGuard },
        { provide: APP_FILTER, useClass: ProblemFilter },
        clientProvider(TenantsClient),
        clientProvider(MembershipClient),
        clientProvider(EventsClient),
        clientProvider(ReportingClient),
        clientProvider(DirectoryClient),
        clientProvider(VolunteeringClient),
        clientProvider(AdvocacyClient),
        clientProvider(AdvocacyAsksClient),
        clientProvider(TestimonyClient),
        clientProvider(AdvocacyRepresentationClient),
        clientProvider(WebhooksClient),
        LeroAuditService,
        LeroArchiveService,
        DirectoryExportService,
        TenantAccessGuard,
        TenantAccessCache,
        TenantAccessInvalidation,
      ],
    };
  }
}
