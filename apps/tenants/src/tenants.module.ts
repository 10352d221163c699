import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryClient, EventsClient, MembershipClient, VolunteeringClient } from '@hearth/contracts';
import { clientProvider, serviceDataProviders } from '@hearth/messaging';
import { TENANTS_SCHEMA, TenantsDatabase } from './tenants-database';
import { TENANTS_OPTIONS, type TenantsOptions } from './tenants.options';
import { AuthController } from './auth/auth.controller';
import { RegionsController } from './regions/regions.controller';
import { TenantsController } from './leros/tenants.controller';
import { OnboardingController } from './onboarding/onboarding.controller';
import { OnboardLeroUseCase } from './onboarding/onboard-lero.use-case';
import { InvitationsController } from './invitations/invitations.controller';
import { TeamController } from './team/team.controller';
import { PasswordsController } from './password-resets/passwords.controller';
import { TwoFactorController } from './two-factor/two-factor.controller';
import { AuthService } from './auth/auth.service';
import { SignInThrottle } from './sessions/sign-in-throttle';
import { AccountsRepository } from './accounts/accounts.repository';
import { AdminBootstrapService } from './accounts/admin-bootstrap.service';
import { RegionsService } from './regions/regions.service';
import { TenantsService } from './leros/tenants.service';
import { PublicTenantsController } from './leros/public-tenants.controller';
import { PublicTenantsService } from './leros/public-tenants.service';
import { InvitationsService } from './invitations/invitations.service';
import { AcceptInvitationUseCase } from './invitations/accept-invitation.use-case';
import { CancelInvitationUseCase } from './invitations/cancel-invitation.use-case';
import { Mailer } from './mail/mailer';
import { mailSenderProvider } from '@hearth/mail';
import { ForgotPasswordUseCase } from './password-resets/forgot-password.use-case';
import { AccountStatusService } from './auth/account-status.service';
import { PasswordsService } from './password-resets/passwords.service';
import { TenantTeamService } from './team/tenant-team.service';
import { RegionTeamService } from './team/region-team.service';
import { BreakGlassService } from './team/break-glass.service';
import { AuditService } from './audit/audit.service';
import { AuditController } from './audit/audit.controller';
import { TenantsAccess } from './tenants-access';
import { TenantsRepository } from './leros/tenants.repository';
import { MemberLinksService } from './member-links/member-links.service';
import { ErasedMembersRepository } from './invitations/erased-members.repository';
import { SessionTokens } from './sessions/session-tokens.service';
import { TwoFactorCodes } from './two-factor/two-factor-codes.service';
import { SSO_LINK_AFTER_CODE, SecondFactorSignIn } from './two-factor/second-factor-sign-in.service';
import { TwoFactorSetupService } from './two-factor/two-factor-setup.service';
import { TotpSecretCipher } from './two-factor/totp-secret-cipher';
import { TenantsRetention } from './retention/tenants-retention';
import { SsoController } from './sso/sso.controller';
import { SsoSignIn } from './sso/sso-sign-in.service';
import { SsoLinks } from './sso/sso-links.service';
import { IdentityProvidersService } from './sso/identity-providers.service';
import { DigestsController } from './digests/digests.controller';
import { DigestsService } from './digests/digests.service';
import { DigestsRepository } from './digests/digests.repository';
import { DigestSweep } from './digests/digest-sweep';
import { DigestFactsGatherer } from './digests/digest-facts';

/**
 * The tenants service: regions, LEROs and their lifecycle, accounts, grants, invitations, tokens, access lifecycle,
 * two-factor sign-in, single sign-on.
 */
@Module({})
export class TenantsModule {
  static register(options: TenantsOptions): DynamicModule {
    return {
      module: TenantsModule,
      controllers: [
        AuthController,
        RegionsController,
        TenantsController,
        OnboardingController,
        AuditController,
        PublicTenantsController,
        InvitationsController,
        TeamController,
        PasswordsController,
        TwoFactorController,
        SsoController,
        DigestsController,
      ],
      providers: [
        { provide: TENANTS_OPTIONS, useValue: options },
        ...serviceDataProviders(TenantsDatabase, TENANTS_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
        TenantsAccess,
        AccountsRepository,
        TenantsRepository,
        AdminBootstrapService,
        AuthService,
        SignInThrottle,
        SessionTokens,
        { provide: TotpSecretCipher, useFactory: () => new TotpSecretCipher(options.totpEncryptionKey) },
        TwoFactorCodes,
        SecondFactorSignIn,
        TwoFactorSetupService,
        RegionsService,
        TenantsService,
        OnboardLeroUseCase,
        PublicTenantsService,
        InvitationsService,
        AcceptInvitationUseCase,
        CancelInvitationUseCase,
        Mailer,
        mailSenderProvider(TenantsDatabase, {
          smtpUrl: options.smtpUrl,
          smtpFrom: options.smtpFrom,
          queue: options.mail,
        }),
        AuditService,
        MemberLinksService,
        ErasedMembersRepository,
        AccountStatusService,
        PasswordsService,
        ForgotPasswordUseCase,
        TenantTeamService,
        RegionTeamService,
        BreakGlassService,
        TenantsRetention,
        SsoSignIn,
        SsoLinks,
        { provide: SSO_LINK_AFTER_CODE, useExisting: SsoLinks },
        IdentityProvidersService,
        // Asks whether a member id is one of the LERO's own active members (as the inviter).
        clientProvider(MembershipClient),
        // Weekly digests (ADR 0083): their facts, asked of the services that own them as the recipient.
        DigestsService,
        DigestsRepository,
        DigestSweep,
        DigestFactsGatherer,
        clientProvider(EventsClient),
        clientProvider(VolunteeringClient),
        clientProvider(DirectoryClient),
      ],
      exports: [TenantsDatabase, AdminBootstrapService],
    };
  }
}
