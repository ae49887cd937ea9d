import { DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { AttachmentsModule } from '../attachments/attachments.module';
import { AuditModule } from '../audit/audit.module';
import { AuthModule } from '../auth/auth.module';
import { BlobsModule } from '../blobs/blobs.module';
import { AccessGuard } from '../common/auth/access.guard';
import { RateLimitStorage } from '../common/http/rate-limit-storage';
import { logDestination, loggerParams } from '../common/logging/logging';
import { RouteTemplateHook } from '../common/logging/route-template';
import { AppConfig } from '../config/app-config';
import { ConfigModule } from '../config/config.module';
import { DatabaseModule } from '../database/database.module';
import { DemoModule } from '../demo/demo.module';
import { DraftsModule } from '../drafts/drafts.module';
import { DsarModule } from '../dsar/dsar.module';
import { GroupsModule } from '../groups/groups.module';
import { HealthModule } from '../health/health.module';
import { JobsModule } from '../jobs/jobs.module';
import { MailIntakeModule } from '../mail/intake/mail-intake.module';
import { MailboxesModule } from '../mail/mailboxes/mailboxes.module';
import { MacrosModule } from '../macros/macros.module';
import { MailOutboxModule } from '../mail/outbox/mail-outbox.module';
import { MessagesModule } from '../messages/messages.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { OrganisationsModule } from '../organisations/organisations.module';
import { PeopleModule } from '../people/people.module';
import { RecordingsModule } from '../recordings/recordings.module';
import { RetentionModule } from '../retention/retention.module';
import { SettingsModule } from '../settings/settings.module';
import { PrivacyCoreModule } from '../privacy/privacy-core.module';
import { PrivacyModule } from '../privacy/privacy.module';
import { RealtimeGatewayModule } from '../realtime/realtime-gateway.module';
import { RealtimeModule } from '../realtime/realtime.module';
import { SlaModule } from '../sla/sla.module';
import { TicketMergeModule } from '../tickets/ticket-merge.module';
import { TicketsModule } from '../tickets/tickets.module';
import { ViewsModule } from '../views/views.module';
import { UserAdminModule } from '../users/admin/user-admin.module';
import { UsersModule } from '../users/users.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, destination?: DestinationStream): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot(loggerParams(config.logLevel, destination ?? logDestination(config.logFile))),
        DatabaseModule.forRoot(config.databaseUrl, config.dbPoolSize),
        ThrottlerModule.forRoot({
          throttlers: [{ ttl: 60_000, limit: config.rateLimitPerMinute }],
          // Constant cost per request; the library's storage costs in proportion to the last minute's hits.
          storage: new RateLimitStorage(),
        }),
        // AccessGuard (below) needs the session service.
        AuthModule,
        UsersModule,
        UserAdminModule,
        PeopleModule,
        OrganisationsModule,
        HealthModule,
        DemoModule,
        BlobsModule,
        AuditModule,
        PrivacyCoreModule,
        PrivacyModule,
        JobsModule,
        RealtimeModule,
        RealtimeGatewayModule,
        SlaModule,
        GroupsModule,
        TicketsModule,
        TicketMergeModule,
        ViewsModule,
        MacrosModule,
        DraftsModule,
        MessagesModule,
        NotificationsModule,
        MailOutboxModule,
        AttachmentsModule,
        RecordingsModule,
        RetentionModule,
        DsarModule,
        SettingsModule,
        MailIntakeModule,
        MailboxesModule,
      ],
      providers: [
        RouteTemplateHook,
        // Order matters: rate-limit first, then resolve the caller and check the route's roles.
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AccessGuard },
      ],
    };
  }
}
