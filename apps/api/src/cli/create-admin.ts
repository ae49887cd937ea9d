// Creates an administrator account. A production install seeds nothing, so this is how its first
// admin is made (and how a locked-out one is replaced):
//   npm run admin:create -- --email it@example.com --name "Jo Bloggs"
//   docker compose exec api node dist/apps/api/apps/api/src/cli/create-admin.js --email … --name …
// The password is read from stdin (typed without echo, or piped), never from the command line or
// the environment, where it would end up in shell history and process listings.
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AppModule } from '../app/app.module';
import { buildAppConfig } from '../config/app-config';
import { validateEnvironment } from '../config/environment';
import { startEmbeddedPostgres } from '../database/embedded-postgres';
import { SchemaMigrator } from '../database/schema-migrator';
import { CreateUserDto } from '../users/dto/user.dto';
import { UsersService } from '../users/users.service';

const USAGE = 'usage: create-admin --email <address> --name "<full name>" (password on stdin)';

async function readPassword(): Promise<string> {
  const stdin = process.stdin;
  if (!stdin.isTTY) {
    let text = '';
    for await (const chunk of stdin) text += String(chunk);
    return text.split(/\r?\n/)[0];
  }
  process.stderr.write('Password (at least 12 characters, not shown): ');
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  return new Promise((done, fail) => {
    let typed = '';
    const onData = (keys: string) => {
      for (const key of keys) {
        if (key === '\r' || key === '\n') {
          stdin.setRawMode(false);
          stdin.off('data', onData);
          stdin.pause();
          process.stderr.write('\n');
          done(typed);
          return;
        }
        if (key === '\u0003') {
          stdin.setRawMode(false);
          fail(new Error('cancelled'));
          return;
        }
        typed = key === '\u007f' || key === '\b' ? typed.slice(0, -1) : typed + key;
      }
    };
    stdin.on('data', onData);
  });
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } } });
  if (!values.email || !values.name) throw new Error(USAGE);
  const input = plainToInstance(CreateUserDto, {
    email: values.email,
    password: await readPassword(),
    role: 'admin',
    person: { fullName: values.name },
  });
  const problems = (await validate(input, { whitelist: true, forbidNonWhitelisted: true })).flatMap((e) => [
    ...Object.values(e.constraints ?? {}),
    ...(e.children ?? []).flatMap((c) => Object.values(c.constraints ?? {}).map((m) => `${e.property}.${m}`)),
  ]);
  if (problems.length) throw new Error(problems.join('; '));

  const vars = validateEnvironment({ ...process.env, JOBS_ENABLED: '0', HUSHDESK_DEMO: '0' });
  const embedded = vars.DATABASE_URL
    ? undefined
    : await startEmbeddedPostgres({ dir: resolve(vars.DATA_DIR, 'pg') });
  try {
    const config = buildAppConfig(vars, vars.DATABASE_URL ?? (embedded as { url: string }).url, {
      embedded: !!embedded,
    });
    const app = await NestFactory.createApplicationContext(AppModule.forRoot(config), {
      logger: ['error', 'warn'],
    });
    try {
      await app.get(SchemaMigrator).migrate();
      await app.get(UsersService).create(input);
      process.stdout.write('Administrator created: sign in with that email and password.\n');
    } finally {
      await app.close();
    }
  } finally {
    await embedded?.stop();
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`create-admin: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
