import { Module, type DynamicModule } from '@nestjs/common';
import { serviceDataProviders } from '@hearth/messaging';
import { MEMBERSHIP_SCHEMA, MembershipDatabase } from './membership-database';
import { MEMBERSHIP_OPTIONS, type MembershipOptions } from './membership.options';
import { MembersController } from './members/members.controller';
import { MemberConsentsController } from './members/member-consents.controller';
import { MemberNamesController } from './members/member-names.controller';
import { ImportsController } from './imports/imports.controller';
import { ExportsController } from './exports/exports.controller';
import { LeroExportController } from './lero-export/lero-export.controller';
import { LeroExportRepository } from './lero-export/lero-export.repository';
import { ErasureController } from './erasure/erasure.controller';
import { SelfServiceController } from './self-service/self-service.controller';
import { AuditController } from './audit/audit.controller';
import { MembersRepository } from './members/members.repository';
import { MembersService } from './members/members.service';
import { ConsentsService } from './consents/consents.service';
import { MemberAuditService } from './audit/member-audit.service';
import { ReadAudit } from './audit/read-audit';
import { ImportMembersUseCase } from './imports/import-members.use-case';
import { ExportMemberUseCase } from './exports/export-member.use-case';
import { BulkExportUseCase } from './exports/bulk-export.use-case';
import { ImportCandidatesRepository } from './imports/import-candidates.repository';
import { MemberExportPart } from './exports/member-export-part';
import { EraseMemberUseCase } from './erasure/erase-member.use-case';
import { ErasureReplay } from './erasure/erasure-replay';
import { SelfServiceService } from './self-service/self-service.service';
import { MembershipRetention } from './retention/membership-retention';
import { mailSenderProvider } from '@hearth/mail';
import { ReminderMailer } from './reminders/reminder-mailer';
import { RemindersConsumer } from './reminders/reminders.consumer';
import { UnsubscribeController } from './reminders/unsubscribe.controller';
import { UnsubscribeService } from './reminders/unsubscribe.service';
import { UnsubscribeTokensRepository } from './reminders/unsubscribe-tokens.repository';

/** The membership service: a LERO's people, their consent, their data export and erasure. */
@Module({})
export class MembershipModule {
  static register(options: MembershipOptions): DynamicModule {
    return {
      module: MembershipModule,
      controllers: [
        MembersController,
        MemberConsentsController,
        MemberNamesController,
        ImportsController,
        ExportsController,
        LeroExportController,
        ErasureController,
        SelfServiceController,
        AuditController,
        UnsubscribeController,
      ],
      providers: [
        { provide: MEMBERSHIP_OPTIONS, useValue: options },
        ...serviceDataProviders(MembershipDatabase, MEMBERSHIP_SCHEMA, {
          url: options.databaseUrl,
          poolMax: options.databasePoolMax,
        }),
        MembersRepository,
        MembersService,
        ConsentsService,
        MemberAuditService,
        ReadAudit,
        ImportMembersUseCase,
        ImportCandidatesRepository,
        ExportMemberUseCase,
        BulkExportUseCase,
        MemberExportPart,
        LeroExportRepository,
        EraseMemberUseCase,
        ErasureReplay,
        SelfServiceService,
        MembershipRetention,
        UnsubscribeTokensRepository,
        ReminderMailer,
        RemindersConsumer,
        UnsubscribeService,
        mailSenderProvider(MembershipDatabase, {
          smtpUrl: options.smtpUrl,
          smtpFrom: options.smtpFrom,
          queue: options.mail,
        }),
      ],
      exports: [MembershipDatabase, ErasureReplay],
    };
  }
}
