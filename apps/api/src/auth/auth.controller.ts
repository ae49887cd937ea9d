import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { SESSION_COOKIE } from '@hushdesk/contracts';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllowedBeforePasswordChange, AnyRole, CurrentActor, Public } from '../common/auth/access.decorator';
import type { Actor } from '../common/auth/actor';
import { ApiError, ApiErrors } from '../common/http/api-errors';
import { UsersService } from '../users/users.service';
import { AuthService } from './auth.service';
import { KnownDevices } from './known-devices.service';
import { AuthUserDto, ChangePasswordDto, LoginDto, LoginResponseDto } from './dto/login.dto';
import { SessionService } from './session.service';

@ApiTags('auth')
@ApiErrors(429)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
    private readonly users: UsersService,
    private readonly devices: KnownDevices,
  ) {}

  @Post('login')
  @HttpCode(200)
  @Public()
  @ApiOkResponse({ type: LoginResponseDto, description: 'Also sets the httpOnly session cookie' })
  @ApiError(401, 'The email or the password is wrong')
  @ApiError(429, 'Repeated failures: Retry-After says when this client may try this account again')
  @ApiErrors(400, 403, 413, 415)
  async login(
    @Body() body: LoginDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const { response, cookieToken, account } = await this.auth.login(body.email, body.password, request);
    this.sessions.setCookie(reply, cookieToken);
    this.devices.remember(reply, account);
    return response;
  }

  @Post('refresh')
  @HttpCode(200)
  @Public() // authenticated by the session cookie inside
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiError(401, 'No session cookie, or the session has ended')
  @ApiErrors(400, 403, 413, 415)
  refresh(@Req() request: FastifyRequest): Promise<LoginResponseDto> {
    return this.auth.refresh(request.cookies?.[SESSION_COOKIE]);
  }

  @Post('logout')
  @HttpCode(204)
  @AnyRole()
  @AllowedBeforePasswordChange()
  @ApiNoContentResponse({ description: 'The session is revoked and the cookie cleared' })
  @ApiErrors(400, 403, 413, 415)
  async logout(@CurrentActor() actor: Actor, @Res({ passthrough: true }) reply: FastifyReply): Promise<void> {
    await this.sessions.revoke(actor.sessionId);
    this.sessions.clearCookie(reply);
  }

  @Post('password')
  @HttpCode(200)
  @AnyRole()
  @AllowedBeforePasswordChange()
  @ApiOkResponse({
    type: LoginResponseDto,
    description: 'Every earlier session of the account is revoked; this sets the cookie of a new one',
  })
  @ApiError(400, 'The new password is too weak or unchanged (`fields` says which)')
  @ApiErrors(403, 413, 415)
  async changePassword(
    @CurrentActor() actor: Actor,
    @Body() body: ChangePasswordDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<LoginResponseDto> {
    const { response, cookieToken } = await this.auth.changePassword(
      actor.userId,
      body.currentPassword,
      body.newPassword,
      request,
    );
    this.sessions.setCookie(reply, cookieToken);
    return response;
  }

  @Get('me')
  @AnyRole()
  @AllowedBeforePasswordChange()
  @ApiOkResponse({ type: AuthUserDto })
  me(@CurrentActor() actor: Actor): Promise<AuthUserDto> {
    return this.users.authUser(actor.userId);
  }
}
