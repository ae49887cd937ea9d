import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsDefined, IsUUID } from 'class-validator';
import { TextField } from '../../common/validation/fields';

/** The most members one group may have: one PUT names them all. */
export const GROUP_MEMBERS_LIMIT = 500;

export class TicketGroupDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ example: 'Voice' }) name: string;
  @ApiPropertyOptional({ description: 'Members warned about its tickets (for admins only)', example: 3 })
  memberCount?: number;
}

export class CreateTicketGroupDto {
  @TextField({ max: 100, description: 'Unique name of the queue', example: 'Network operations' })
  name: string;
}

export class UpdateTicketGroupDto {
  @TextField({ max: 100, description: 'The new unique name', example: 'Field engineering' })
  name: string;
}

/** Every member at once: the list replaces the group's members. */
export class GroupMembersDto {
  @ApiProperty({
    type: [String],
    format: 'uuid',
    maxItems: GROUP_MEMBERS_LIMIT,
    description: 'Active engineers and admins; an empty list leaves the group without members',
  })
  @IsDefined({ message: 'userIds is required' })
  @IsArray({ message: 'userIds must be a list of user ids' })
  @ArrayMaxSize(GROUP_MEMBERS_LIMIT, {
    message: `userIds must hold at most ${GROUP_MEMBERS_LIMIT} ids`,
  })
  @IsUUID('all', { each: true, message: 'userIds must hold user ids (UUIDs) only' })
  userIds: string[];
}
