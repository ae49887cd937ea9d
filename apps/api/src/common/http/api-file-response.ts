import { ApiResponse } from '@nestjs/swagger';

/** A download: the body is the file itself, in one of the listed content types. */
export function ApiFileResponse(
  contentTypes: readonly string[],
  description: string,
  status = 200,
): MethodDecorator & ClassDecorator {
  const binary = { schema: { type: 'string', format: 'binary' } };
  return ApiResponse({
    status,
    description,
    content: Object.fromEntries(contentTypes.map((type) => [type, binary])),
  });
}
