import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';

/** The one error shape, as `AllExceptionsFilter` (exception.filter.ts) sends it for every failure. */
export class ApiErrorBodyDto {
  @ApiProperty({ type: 'integer', example: 400 }) statusCode: number;
  @ApiProperty({ example: 'Bad Request' }) error: string;
  @ApiProperty({ example: 'email must be an email address' }) message: string;
  @ApiProperty({ description: 'Quote it when reporting a problem: it finds the request in the log' })
  correlationId: string;

  @ApiPropertyOptional({
    description: '400s about the input: each offending field (dotted path) and what is wrong with it',
    type: 'object',
    additionalProperties: { type: 'array', items: { type: 'string' } },
  })
  fields?: Record<string, string[]>;
}

/** Why each status is answered, the same on every route. */
const MEANING = {
  400: 'The input is not valid: a body, query or path parameter (`fields` names them), or the URL itself',
  401: 'Not signed in, or the session has ended',
  403: 'The role may not do this, or a cross-site write (foreign Origin, missing CSRF token) was refused',
  404: 'No such record, or not one the caller may see',
  409: 'The record is not in a state that allows this',
  410: 'Gone: the link has expired or been used up',
  413: 'The body is larger than the limit',
  414: 'A path segment is longer than 100 characters',
  415: 'The content type is not one this route accepts',
  429: 'Too many requests; Retry-After says when to try again',
  503: 'The database is unavailable; try again shortly',
} as const;

export type ErrorStatus = keyof typeof MEANING;

/**
 * Documents error statuses a route can answer, all with the one error body. On a controller it
 * applies to each of its routes; a route's own list adds to it (and wins for the same status).
 */
export function ApiErrors(...statuses: ErrorStatus[]): ClassDecorator & MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiError(status)));
}

/** One error status, with what it means on this route in particular. */
export function ApiError(
  status: ErrorStatus,
  description: string = MEANING[status],
): MethodDecorator & ClassDecorator {
  return ApiResponse({ status, description, type: ApiErrorBodyDto });
}
