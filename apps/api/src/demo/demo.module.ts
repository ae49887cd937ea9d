import { Module } from '@nestjs/common';
import { UsersModule } from '../users/users.module';
import { DemoController } from './demo.controller';
import { DemoSeed } from './demo-seed';

@Module({
  imports: [UsersModule],
  controllers: [DemoController],
  providers: [DemoSeed],
  exports: [DemoSeed],
})
export class DemoModule {}
