import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  isEmail,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
} from 'class-validator';
import { isCommonPassword } from './common-passwords';
import { PASSWORD_MESSAGES } from './password-messages';

/**
 * Field decorators that validate and document in one place, so the OpenAPI document cannot drift
 * from the checks. Each takes `optional` to allow the field to be absent.
 */
interface Common {
  optional?: boolean;
  /** Documents that `null` is accepted (it clears the field); validation already lets it through. */
  nullable?: boolean;
  description?: string;
  example?: unknown;
}

const doc = (o: Common, extra: Record<string, unknown> = {}) => {
  const options = {
    description: o.description,
    example: o.example,
    ...(o.nullable ? { nullable: true } : {}),
    ...extra,
  };
  return o.optional ? ApiPropertyOptional(options) : ApiProperty(options);
};
const presence = (o: Common) => (o.optional ? [IsOptional()] : []);
const trim = Transform(({ value }) => (typeof value === 'string' ? value.trim() : value));

export function TextField(o: Common & { max: number; min?: number }): PropertyDecorator {
  return applyDecorators(
    doc(o, { type: String, maxLength: o.max, minLength: o.min }),
    ...presence(o),
    trim,
    IsString(),
    ...(o.optional ? [] : [IsNotEmpty()]),
    ...(o.min ? [MinLength(o.min)] : []),
    MaxLength(o.max),
  );
}

export function EmailField(o: Common = {}): PropertyDecorator {
  return applyDecorators(
    doc(o, { type: String, format: 'email', maxLength: 320 }),
    ...presence(o),
    Transform(({ value }) => (typeof value === 'string' ? value.trim().toLowerCase() : value)),
    IsString(),
    MaxLength(320),
    IsEmailAddress(),
  );
}

/**
 * class-validator's IsEmail, except that text validator.js cannot even parse (a lone UTF-16
 * surrogate makes it throw "URI malformed") is an invalid address (400), not a crash (500).
 */
export const IsEmailAddress = () =>
  ValidateBy({
    name: 'isEmail',
    validator: {
      validate: (value: unknown) => {
        try {
          return typeof value === 'string' && isEmail(value);
        } catch {
          return false;
        }
      },
      defaultMessage: () => 'email must be a valid email address',
    },
  });

/** Its messages are sentences for people (the error shape still names the field beside them). */
export function PasswordField(o: Common & { min?: number; max: number }): PropertyDecorator {
  return applyDecorators(
    doc(o, { type: String, format: 'password', minLength: o.min, maxLength: o.max }),
    ...presence(o),
    IsString({ message: PASSWORD_MESSAGES.notText }),
    ...(o.min
      ? [MinLength(o.min, { message: PASSWORD_MESSAGES.tooShort }), NotCommonPassword()]
      : [IsNotEmpty({ message: PASSWORD_MESSAGES.required })]),
    MaxLength(o.max, { message: PASSWORD_MESSAGES.tooLong }),
  );
}

/** A new password must not be one of the common leaked ones (checked only where `min` is set). */
const NotCommonPassword = () =>
  ValidateBy({
    name: 'notCommonPassword',
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || !isCommonPassword(value),
      defaultMessage: () => PASSWORD_MESSAGES.common,
    },
  });

export function EnumField(values: readonly string[], o: Common = {}): PropertyDecorator {
  return applyDecorators(
    doc(o, { enum: values }),
    ...presence(o),
    IsIn(values as string[], {
      message: ({ property }) => `${property} must be one of: ${values.join(', ')}`,
    }),
  );
}

export function UuidField(o: Common = {}): PropertyDecorator {
  return applyDecorators(doc(o, { type: String, format: 'uuid' }), ...presence(o), IsUUID('all'));
}

export function IntField(o: Common & { min: number; max: number }): PropertyDecorator {
  return applyDecorators(
    doc(o, { type: Number, minimum: o.min, maximum: o.max }),
    ...presence(o),
    // Query strings carry numbers as text: only plain decimal digits become a number, so "0x10",
    // "1e1", " " or true are refused rather than read as 16, 10, 0 or 1.
    Transform(({ value }) =>
      typeof value === 'string' && /^-?\d{1,15}$/.test(value) ? Number(value) : value,
    ),
    IsInt(),
    Min(o.min),
    Max(o.max),
  );
}
