import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENT_KEYS, validateEnvironment } from './environment';

const root = join(__dirname, '../../../..');

interface ComposeService {
  image?: string;
  command?: string[] | string;
  environment?: Record<string, unknown> | string[];
  depends_on?: Record<string, { condition?: string }> | string[];
  healthcheck?: { test: string[] | string };
}
type ComposeFile = { services: Record<string, ComposeService & { ports?: string[] }> };

const readCompose = (file: string) => parse(readFileSync(join(root, file), 'utf8')) as ComposeFile;

/** A service's environment as compose would read it with nothing set but the required secrets. */
function serviceEnvironment(compose: ComposeFile, service: string): Record<string, string> {
  const env = compose.services[service].environment ?? {};
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

/** The api service's environment as compose would read it with nothing set but the required secrets. */
const apiEnvironment = (file: string) => serviceEnvironment(readCompose(file), 'api');

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
  const compose = readCompose('docker-compose.yml');
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

describe('docker-compose.yml object store', () => {
  const compose = readCompose('docker-compose.yml');
  const api = apiEnvironment('docker-compose.yml');
  const minio = serviceEnvironment(compose, 'minio');
  const init = serviceEnvironment(compose, 'minio-init');
  const initCommand = [compose.services['minio-init'].command ?? []].flat().join(' ');
  const serverArgs = [compose.services.minio.command ?? []].flat();

  /** Where MinIO listens: `--address host:port` when given, else its default :9000. */
  const minioPort = () => {
    const i = serverArgs.indexOf('--address');
    return i < 0 ? '9000' : serverArgs[i + 1].split(':').pop();
  };

  it('puts the API on the MinIO service, by its name and port on the compose network', () => {
    expect(api.BLOB_STORE).toBe('s3');
    const endpoint = new URL(api.S3_ENDPOINT);
    expect(Object.keys(compose.services)).toContain(endpoint.hostname);
    expect(compose.services[endpoint.hostname].image).toMatch(/minio\/minio/);
    expect(endpoint.port || '80').toBe(minioPort());
    // MinIO serves buckets in the path, not as sub-domains of "minio".
    expect(api.S3_FORCE_PATH_STYLE).toBe('1');
  });

  it('creates at start the bucket the API uses, on the same server', () => {
    const alias = /mc alias set (\S+) (\S+) /.exec(initCommand);
    const bucket = /mc mb (?:--ignore-existing |-p )*(\S+)\/(\S+)/.exec(initCommand);
    expect(alias && bucket).toBeTruthy();
    expect(bucket?.[1]).toBe(alias?.[1]);
    expect(alias?.[2]).toBe(api.S3_ENDPOINT);
    expect(bucket?.[2]).toBe(api.S3_BUCKET);
    // Without --ignore-existing the init would fail on every start after the first.
    expect(initCommand).toContain('--ignore-existing');
  });

  it("signs with MinIO's own user and password, the password given by the operator", () => {
    expect(api.S3_ACCESS_KEY_ID).toBe(minio.MINIO_ROOT_USER);
    expect(api.S3_SECRET_ACCESS_KEY).toBe(minio.MINIO_ROOT_PASSWORD);
    expect(minio.MINIO_ROOT_PASSWORD).toBe('<MINIO_ROOT_PASSWORD>');
    // The init logs in as the same user ($$ is compose's escape for the shell's own $).
    expect(init).toEqual({
      MINIO_ROOT_USER: minio.MINIO_ROOT_USER,
      MINIO_ROOT_PASSWORD: minio.MINIO_ROOT_PASSWORD,
    });
    expect(initCommand).toContain('"$$MINIO_ROOT_USER" "$$MINIO_ROOT_PASSWORD"');
  });

  it('starts the API only once the bucket exists, and MinIO only counts as up when it answers', () => {
    const dependsOn = compose.services.api.depends_on as Record<string, { condition?: string }>;
    expect(dependsOn['minio-init']?.condition).toBe('service_completed_successfully');
    expect(
      (compose.services['minio-init'].depends_on as Record<string, { condition?: string }>).minio?.condition,
    ).toBe('service_healthy');
    // Every `service_healthy` names a service that has a health check, or compose never starts the API.
    for (const [name, service] of Object.entries(compose.services)) {
      const deps = (service.depends_on ?? {}) as Record<string, { condition?: string }>;
      for (const [dep, { condition }] of Object.entries(deps)) {
        expect({ service: name, dep, condition: condition ?? 'none' }).toEqual({
          service: name,
          dep,
          condition: expect.stringMatching(/^service_(healthy|completed_successfully)$/),
        });
        if (condition === 'service_healthy') expect(compose.services[dep].healthcheck).toBeDefined();
      }
    }
  });

  it('sets only variables the API reads, and every one the S3 store needs, which it accepts', () => {
    const unknown = Object.keys(api).filter((k) => !(ENVIRONMENT_KEYS as readonly string[]).includes(k));
    expect(unknown).toEqual([]);
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'])
      expect(api[name]).toBeTruthy();
    const vars = validateEnvironment({
      ...api,
      JWT_SECRET: 'j'.repeat(40),
      IDENTIFIER_HMAC_KEY: 'i'.repeat(40),
      DATABASE_URL: 'postgres://hushdesk:pw@postgres:5432/hushdesk',
      S3_SECRET_ACCESS_KEY: 'minio-password',
    });
    expect(vars).toMatchObject({ BLOB_STORE: 's3', S3_BUCKET: api.S3_BUCKET, S3_FORCE_PATH_STYLE: true });
  });
});
