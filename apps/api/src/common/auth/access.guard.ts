import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { SessionService } from '../../auth/session.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { ACCESS_KEY, type AccessRule, PASSWORD_CHANGE_KEY } from './access.decorator';

/**
 * The one global guard. It fails closed: a route without `@Public()` or `@Roles(...)` is refused,
 * so forgetting the declaration can never open a route.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly sessions: SessionService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true; // sockets authenticate at the handshake
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!rule) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no access rule`,
      );
      throw new DomainError(DomainErrorCode.Forbidden, 'This route is not available');
    }
    if (rule.public) return true;

    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const actor = await this.sessions.authenticate(request);
    if (!actor) throw new DomainError(DomainErrorCode.Unauthenticated, 'Sign in to continue');
    if (!rule.roles.includes(actor.role)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Your role may not do this');
    }
    if (actor.mustChangePassword && !this.allowedBeforePasswordChange(context)) {
      throw new DomainError(DomainErrorCode.Forbidden, 'Choose a new password before you continue');
    }
    request.actor = actor;
    return true;
  }

  private allowedBeforePasswordChange(context: ExecutionContext): boolean {
    return !!this.reflector.getAllAndOverride<boolean | undefined>(PASSWORD_CHANGE_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
  }
}
