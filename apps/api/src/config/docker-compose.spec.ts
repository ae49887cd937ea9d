import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { validateEnvironment } from './environment';

const root = join(__dirname, '../../../..');

/** The api service's environment as compose would read it with nothing set but the required secrets. */
function apiEnvironment(file: string): Record<string, string> {
  const compose = parse(readFileSync(join(root, file), 'utf8')) as {
    services: Record<string, { environment?: Record<string, unknown> | string[] }>;
  };
  const env = compose.services.api.environment ?? {};
  const entries = Array.isArray(env)
    ? env.map((e) => e.split('=', 2) as [string, string])
    : Object.entries(env).map(([k, v]) => [k, String(v ?? '')] as [string, string]);
  // `${VAR:-default}` takes its default; `${VAR:?message}` stands for a value the operator must give.
  return Object.fromEntries(
    entries.map(([k, v]) => [
      k,
      v.replace(/\$\{(\w+)(?::-([^}]*)|:\?[^}]*)?\}/g, (_m, name: string, fallback?: string) =>
        fallback !== undefined ? fallback : `<${name}>`,
      ),
    ]),
  );
}

const truthy = (v: string | undefined) => v !== undefined && /^(1|true|yes|on)$/i.test(v.trim());
const falsy = (v: string | undefined) => v !== undefined && /^(0|false|no|off)$/i.test(v.trim());

describe('docker-compose.yml', () => {
  const env = apiEnvironment('docker-compose.yml');

  it('runs the API in production', () => {
    expect(env.NODE_ENV).toBe('production');
  });

  it('does not turn on demo mode, insecure cookies or the public API docs by default', () => {
    expect(truthy(env.HUSHDESK_DEMO)).toBe(false);
    expect(env.HUSHDESK_DEMO_PASSWORD).toBeUndefined();
    expect(falsy(env.COOKIE_SECURE)).toBe(false);
    expect(truthy(env.API_DOCS)).toBe(false);
  });

  it('needs every secret from the operator: none has a default', () => {
    for (const name of ['JWT_SECRET', 'IDENTIFIER_HMAC_KEY']) expect(env[name]).toBe(`<${name}>`);
    expect(env.DATABASE_URL).toContain('<POSTGRES_PASSWORD>');
  });
});

describe('docker-compose.yml email', () => {
  const compose = parse(readFileSync(join(root, 'docker-compose.yml'), 'utf8')) as {
    services: { api: { ports: string[] } };
  };
  const env = apiEnvironment('docker-compose.yml');

  it('opens the SMTP intake on a published port, and accepts the mail variables the API validates', () => {
    expect(compose.services.api.ports).toContain(`${env.MAIL_INTAKE_PORT}:${env.MAIL_INTAKE_PORT}`);
    const vars = validateEnvironment({
      ...env,
      JWT_SECRET: 'j'.repeat(40),
      IDENTIFIER_HMAC_KEY: 'i'.repeat(40),
      DATABASE_URL: 'postgres://hushdesk:pw@postgres:5432/hushdesk',
    });
    expect(vars.MAIL_INTAKE_PORT).toBe(2525);
    expect(vars.MAIL_INTAKE_HOST).toBe('0.0.0.0');
    // Unset SMTP_URL means "keep mail in the outbox", not a bad URL.
    expect(vars.SMTP_URL).toBeUndefined();
    expect(vars.MAIL_FROM).toContain('@');
  });
});

describe('docker-compose.demo.yml', () => {
  it('turns the demo on only as a development install, which the API accepts', () => {
    const env = apiEnvironment('docker-compose.demo.yml');
    expect(truthy(env.HUSHDESK_DEMO)).toBe(true);
    expect(env.NODE_ENV).toBe('development');
  });
});
