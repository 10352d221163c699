import { Module, type DynamicModule } from '@nestjs/common';
import { HearthApi } from './api/hearth-api';
import { DigestController } from './account/digest.controller';
import { AccountController } from './account/account.controller';
import { TwoFactorController } from './account/two-factor.controller';
import { HomeController } from './home/home.controller';
import { Pages } from './http/pages';
import { WebErrorFilter } from './http/web-error.filter';
import { AcceptInvitationController } from './invitations/accept-invitation.controller';
import { LerosController } from './leros/leros.controller';
import { LeroDataController } from './leros/lero-data.controller';
import { LeroSettingsController } from './leros/lero-settings.controller';
import { WebhooksController } from './leros/webhooks.controller';
import { DirectoryImportsController } from './directory/directory-imports.controller';
import { MeController } from './members/me.controller';
import { MemberConsentsController } from './members/member-consents.controller';
import { MemberExportController } from './members/member-export.controller';
import { MemberImportController } from './members/member-import.controller';
import { MemberSheetsController } from './members/member-sheets.controller';
import { MemberInviteController } from './members/member-invite.controller';
import { MemberLeaveController } from './members/member-leave.controller';
import { MemberListController } from './members/member-list.controller';
import { MemberRecordController } from './members/member-record.controller';
import { OnboardingController } from './onboarding/onboarding.controller';
import { ActivitiesController } from './programme/activities.controller';
import { ActivityEditController } from './programme/activity-edit.controller';
import { ActivityLifecycleController } from './programme/activity-lifecycle.controller';
import { BookingsController } from './programme/bookings.controller';
import { DoorController } from './programme/door.controller';
import { RegisterController } from './programme/register.controller';
import { RsvpsController } from './programme/rsvps.controller';
import { SessionsController } from './programme/sessions.controller';
import { RegionTeamController } from './team/region-team.controller';
import { RegionsController } from './regions/regions.controller';
import { IdentityProvidersController } from './regions/identity-providers.controller';
import { LeroImpactController } from './reports/lero-impact.controller';
import { RegionReportController } from './reports/region-report.controller';
import { SignpostsController } from './signposts/signposts.controller';
import { CsrfGuard, SignedInGuard } from './http/guards';
import { SessionAuthService } from './session/session-auth.service';
import { SignInController } from './sign-in/sign-in.controller';
import { SsoSignInController } from './sign-in/sso-sign-in.controller';
import { TeamController } from './team/team.controller';
import { TeamChangesController } from './team/team-changes.controller';
import { ResetPasswordController } from './team/reset-password.controller';
import { AppointAdminController } from './team/appoint-admin.controller';
import { PasswordResetController } from './password-reset/password-reset.controller';
import { ForgotPasswordController } from './forgot-password/forgot-password.controller';
import { UnsubscribeController } from './unsubscribe/unsubscribe.controller';
import { PrivacyController } from './privacy/privacy.controller';
import { CuratorListingFormController } from './directory/curator-listing-form.controller';
import { CuratorListingsController } from './directory/curator-listings.controller';
import { LeroDirectoryController } from './directory/lero-directory.controller';
import { PublicDirectoryController } from './directory/public-directory.controller';
import { SuggestionEditController } from './directory/suggestion-edit.controller';
import { SuggestionQueueController } from './directory/suggestion-queue.controller';
import { ConsultationResponsesController } from './advocacy/consultation-responses.controller';
import {
  ConsultationResultsController,
  RegionConsultationResultsController,
} from './advocacy/consultation-results.controller';
import { ConsultationsController, RegionConsultationsController } from './advocacy/consultations.controller';
import { VolunteeringHoursController } from './volunteering/volunteering-hours.controller';
import { VolunteeringMyHoursController } from './volunteering/volunteering-my-hours.controller';
import { VolunteeringMyShiftsController } from './volunteering/volunteering-my-shifts.controller';
import {
  PassportCheckController,
  VolunteeringPassportController,
} from './volunteering/volunteering-passport.controller';
import { VolunteeringInterestController } from './volunteering/volunteering-interest.controller';
import { VolunteeringMyRecordController } from './volunteering/volunteering-my-record.controller';
import { VolunteeringPassportStaffController } from './volunteering/volunteering-passport-staff.controller';
import { VolunteeringRecordsController } from './volunteering/volunteering-records.controller';
import { VolunteeringRolesController } from './volunteering/volunteering-roles.controller';
import { VolunteeringRotaController } from './volunteering/volunteering-rota.controller';
import { VolunteeringShiftsController } from './volunteering/volunteering-shifts.controller';
import { VolunteeringSignupsController } from './volunteering/volunteering-signups.controller';
import { VolunteeringTrainingController } from './volunteering/volunteering-training.controller';
import { AdvocacyAsksController } from './advocacy/asks.controller';
import { MeetingsController } from './advocacy/meetings.controller';
import { SeatsController } from './advocacy/seats.controller';
import { AskScreens } from './advocacy/ask-pages';
import { PublicAsksController } from './advocacy/public-asks.controller';
import { PublicConsultationController } from './advocacy/public-consultation.controller';
import { PublicTestimonyController } from './advocacy/public-testimony.controller';
import { TestimonyPiecesController } from './advocacy/testimony-pieces.controller';
import { TestimonyController } from './advocacy/testimony.controller';
import { TestimonyScreens } from './advocacy/testimony-page';
import { WEB_OPTIONS, apiBaseUrl, type WebOptions } from './web.options';

/**
 * The web app's pages. Mounted by its own container (`createWebApp`) or inside standalone's server, which
 * then also calls `configureWebApp` for the view engine, assets, session and CSRF plugins.
 */
@Module({})
export class WebModule {
  static register(options: WebOptions): DynamicModule {
    return {
      module: WebModule,
      controllers: [
        HomeController,
        SignInController,
        SsoSignInController,
        AcceptInvitationController,
        PrivacyController,
        AccountController,
        DigestController,
        TwoFactorController,
        RegionsController,
        IdentityProvidersController,
        RegionTeamController,
        RegionReportController,
        OnboardingController,
        LerosController,
        LeroDataController,
        LeroSettingsController,
        WebhooksController,
        DirectoryImportsController,
        AppointAdminController,
        ResetPasswordController,
        TeamController,
        TeamChangesController,
        PasswordResetController,
        ForgotPasswordController,
        UnsubscribeController,
        MemberListController,
        MemberImportController,
        MemberSheetsController,
        MemberRecordController,
        MemberConsentsController,
        MemberExportController,
        MemberLeaveController,
        MemberInviteController,
        MeController,
        ActivitiesController,
        ActivityEditController,
        ActivityLifecycleController,
        SessionsController,
        RsvpsController,
        BookingsController,
        DoorController,
        RegisterController,
        SignpostsController,
        LeroImpactController,
        PublicDirectoryController,
        CuratorListingsController,
        CuratorListingFormController,
        SuggestionQueueController,
        SuggestionEditController,
        LeroDirectoryController,
        // Volunteering (ADR 0059): the rota before the roles' `:roleId` routes it shares a prefix with.
        VolunteeringRotaController,
        VolunteeringTrainingController,
        VolunteeringRecordsController,
        VolunteeringHoursController,
        VolunteeringMyHoursController,
        VolunteeringMyShiftsController,
        VolunteeringPassportController,
        PassportCheckController,
        VolunteeringInterestController,
        VolunteeringMyRecordController,
        VolunteeringPassportStaffController,
        VolunteeringShiftsController,
        VolunteeringSignupsController,
        VolunteeringRolesController,
        // Advocacy: asks, "you said, we did" (ADR 0070).
        AdvocacyAsksController,
        PublicAsksController,
        // Consultations (ADR 0071): answering and results before the `:consultationId` routes they share a prefix with.
        ConsultationResponsesController,
        PublicConsultationController,
        ConsultationResultsController,
        ConsultationsController,
        RegionConsultationResultsController,
        RegionConsultationsController,
        // The representation log (ADR 0069, ADR 0073).
        MeetingsController,
        SeatsController,
        // Collective testimony (ADR 0072): a theme's pieces before the `:themeId` routes they share a prefix with.
        TestimonyPiecesController,
        TestimonyController,
        PublicTestimonyController,
      ],
      providers: [
        { provide: WEB_OPTIONS, useValue: options },
        {
          provide: HearthApi,
          useFactory: () => new HearthApi(() => apiBaseUrl(options), options.apiTimeoutMs, options.apiFetch),
        },
        SessionAuthService,
        Pages,
        WebErrorFilter,
        SignedInGuard,
        CsrfGuard,
        AskScreens,
        TestimonyScreens,
      ],
      exports: [Pages, SessionAuthService, WebErrorFilter],
    };
  }
}
