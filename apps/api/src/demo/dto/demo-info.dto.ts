import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@hushdesk/contracts';

class DemoAccountDto {
  @ApiProperty({ example: 'dpo@demo.hushdesk.example' }) email: string;
  @ApiProperty({ enum: ROLES }) role: Role;
}

export class DemoInfoDto {
  @ApiProperty({ type: [DemoAccountDto] }) accounts: DemoAccountDto[];
  @ApiProperty({
    type: String,
    nullable: true,
    description: 'The demo password when it is the documented default; null when changed',
  })
  password: string | null;
}
