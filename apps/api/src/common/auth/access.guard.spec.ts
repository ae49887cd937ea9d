import { Controller, ExecutionContext, Get } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { SessionService } from '../../auth/session.service';
import { DomainError, DomainErrorCode } from '../errors/domain-error';
import { AccessGuard } from './access.guard';
import { Public, Roles } from './access.decorator';
import type { Actor } from './actor';

@Controller()
class Routes {
  @Get() undeclared(): string {
    return 'undeclared';
  }
  @Get() @Public() open(): string {
    return 'open';
  }
  @Get() @Roles('dpo', 'admin') privileged(): string {
    return 'privileged';
  }
}

const actor = (role: Actor['role']): Actor => ({
  userId: 'u',
  personId: 'p',
  role,
  organisationId: null,
  sessionId: 's',
});

function contextFor(handler: keyof Routes, request: Record<string, unknown> = {}): ExecutionContext {
  return {
    getType: () => 'http',
    getHandler: () => Routes.prototype[handler],
    getClass: () => Routes,
    switchToHttp: () => ({ getRequest: () => request }),
  } as unknown as ExecutionContext;
}

async function codeOf(p: Promise<unknown>): Promise<DomainErrorCode | 'allowed'> {
  try {
    await p;
    return 'allowed';
  } catch (e) {
    if (e instanceof DomainError) return e.code;
    throw e;
  }
}

describe('AccessGuard', () => {
  const guardWith = (who: Actor | null) =>
    new AccessGuard(new Reflector(), { authenticate: async () => who } as unknown as SessionService);

  it('refuses a route that declares no access rule, even for an admin', async () => {
    await expect(codeOf(guardWith(actor('admin')).canActivate(contextFor('undeclared')))).resolves.toBe(
      DomainErrorCode.Forbidden,
    );
  });

  it('lets anyone through a public route without looking up a session', async () => {
    await expect(codeOf(guardWith(null).canActivate(contextFor('open')))).resolves.toBe('allowed');
  });

  it('answers unauthenticated callers of a role route with 401', async () => {
    await expect(codeOf(guardWith(null).canActivate(contextFor('privileged')))).resolves.toBe(
      DomainErrorCode.Unauthenticated,
    );
  });

  it('answers a role that is not listed with 403, and attaches the actor for one that is', async () => {
    await expect(codeOf(guardWith(actor('engineer')).canActivate(contextFor('privileged')))).resolves.toBe(
      DomainErrorCode.Forbidden,
    );
    const request: Record<string, unknown> = {};
    await expect(
      codeOf(guardWith(actor('dpo')).canActivate(contextFor('privileged', request))),
    ).resolves.toBe('allowed');
    expect(request.actor).toEqual(actor('dpo'));
  });
});
