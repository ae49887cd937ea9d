import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth } from '@nestjs/swagger';
import { ROLES, type Role, SESSION_COOKIE } from '@hushdesk/contracts';
import type { FastifyRequest } from 'fastify';
import { ApiError } from '../http/api-errors';
import type { Actor } from './actor';

export const ACCESS_KEY = 'hushdesk:access';

export type AccessRule = { public: true } | { public: false; roles: readonly Role[] };

/** Anyone, signed in or not. Use sparingly: every public route is part of the attack surface. */
export function Public(): MethodDecorator & ClassDecorator {
  return SetMetadata(ACCESS_KEY, { public: true } satisfies AccessRule);
}

/**
 * Signed-in callers with one of these roles. Every non-public route declares this, next to the
 * route, and the global AccessGuard refuses routes that declare nothing.
 */
export function Roles(...roles: Role[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ACCESS_KEY, { public: false, roles } satisfies AccessRule),
    ApiBearerAuth(),
    ApiCookieAuth(SESSION_COOKIE),
    // What the access guard answers; the error shape is the filter's.
    ApiError(401, 'No or invalid credentials'),
    ApiError(403, `Allowed roles: ${roles.join(', ')}`),
  );
}

export const PASSWORD_CHANGE_KEY = 'hushdesk:before-password-change';

/**
 * Open to an account whose password an admin reset (`Actor.mustChangePassword`); every other route
 * answers it 403 until a new password is chosen.
 */
export function AllowedBeforePasswordChange(): MethodDecorator & ClassDecorator {
  return SetMetadata(PASSWORD_CHANGE_KEY, true);
}

/** Any signed-in role. */
export const AnyRole = (): MethodDecorator & ClassDecorator => Roles(...ROLES);

/** The resolved caller; only on routes guarded by `@Roles`. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor => {
  const actor = ctx.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new Error('CurrentActor used on a route without @Roles');
  return actor;
});
