import { createSecretKey } from 'node:crypto';
import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { RealtimeModule } from '../realtime/realtime.module';
import { UsersModule } from '../users/users.module';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { KnownDevices } from './known-devices.service';
import { LoginThrottleRepository } from './login-throttle.repository';
import { LoginThrottle } from './login-throttle.service';
import { PasswordHashingModule } from './password-hashing.module';
import { PasswordProof } from './password-proof.service';
import { SessionErasureRepository } from './session-erasure.repository';
import { SessionService } from './session.service';
import { SessionsRepository } from './sessions.repository';

@Module({
  imports: [
    UsersModule,
    RealtimeModule,
    PasswordHashingModule,
    JwtModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        // A key object made once: given a string, jsonwebtoken tries (and fails) to parse it as a
        // public key on every verify, which was a tenth of the API's CPU under load.
        secret: createSecretKey(Buffer.from(config.jwtSecret, 'utf8')) as unknown as string,
        signOptions: { algorithm: 'HS256', expiresIn: config.accessTokenTtlSeconds, issuer: 'hushdesk' },
        verifyOptions: { algorithms: ['HS256'], issuer: 'hushdesk' },
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionService,
    SessionsRepository,
    SessionErasureRepository,
    LoginThrottle,
    LoginThrottleRepository,
    KnownDevices,
    PasswordProof,
  ],
  exports: [SessionService, SessionsRepository, SessionErasureRepository, PasswordProof],
})
export class AuthModule {}
