import { ConfigurationError, validateEnvironment } from './environment';

describe('validateEnvironment', () => {
  it('applies defaults to an empty environment', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.HUSHDESK_DEMO_PASSWORD).toBe('hushdesk');
  });

  it('names every bad variable at once', () => {
    let error: unknown;
    try {
      validateEnvironment({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigurationError);
    const message = (error as Error).message;
    expect(message).toContain('PORT');
    expect(message).toContain('DATABASE_URL');
    expect(message).toContain('LOG_LEVEL');
  });

  it('requires secrets in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
  });

  it('treats empty strings as unset', () => {
    expect(validateEnvironment({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
  });
});

describe('production defaults', () => {
  const secrets = {
    JWT_SECRET: 'a-production-jwt-secret-of-at-least-32-chars',
    IDENTIFIER_HMAC_KEY: 'a-production-identifier-key-at-least-32-chars',
  };

  it('refuses demo mode in production, naming HUSHDESK_DEMO', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production', ...secrets, HUSHDESK_DEMO: '1' })).toThrow(
      /HUSHDESK_DEMO/,
    );
    expect(
      validateEnvironment({ NODE_ENV: 'production', ...secrets, HUSHDESK_DEMO: '0' }).HUSHDESK_DEMO,
    ).toBe(false);
  });

  it('refuses one value used for both secrets in production', () => {
    expect(() =>
      validateEnvironment({
        NODE_ENV: 'production',
        JWT_SECRET: secrets.JWT_SECRET,
        IDENTIFIER_HMAC_KEY: secrets.JWT_SECRET,
      }),
    ).toThrow(/IDENTIFIER_HMAC_KEY must differ from JWT_SECRET/);
  });

  it('validates API_DOCS and LOG_FILE', () => {
    expect(() => validateEnvironment({ API_DOCS: 'maybe' })).toThrow(/API_DOCS/);
    expect(validateEnvironment({ API_DOCS: 'off' }).API_DOCS).toBe(false);
    expect(validateEnvironment({ LOG_FILE: '.data/hushdesk.log' }).LOG_FILE).toBe('.data/hushdesk.log');
  });

  it('takes API_WORKERS as auto or 1 to 64, one process when unset', () => {
    expect(validateEnvironment({}).API_WORKERS).toBe('1');
    expect(validateEnvironment({ API_WORKERS: 'auto' }).API_WORKERS).toBe('auto');
    expect(validateEnvironment({ API_WORKERS: '64' }).API_WORKERS).toBe('64');
    for (const bad of ['0', '65', 'many', '2.5', '-1'])
      expect(() => validateEnvironment({ API_WORKERS: bad })).toThrow(
        /API_WORKERS must be auto or a whole number from 1 to 64/,
      );
  });

  it('keeps blobs on the file store unless BLOB_STORE=s3, which needs a bucket and both keys or neither', () => {
    expect(validateEnvironment({}).BLOB_STORE).toBe('fs');
    expect(() => validateEnvironment({ BLOB_STORE: 'gcs' })).toThrow(/BLOB_STORE must be fs or s3/);
    expect(() => validateEnvironment({ BLOB_STORE: 's3' })).toThrow(
      /S3_BUCKET is required with BLOB_STORE=s3/,
    );
    expect(() =>
      validateEnvironment({ BLOB_STORE: 's3', S3_BUCKET: 'hushdesk', S3_ACCESS_KEY_ID: 'AKIA0000' }),
    ).toThrow(/S3_SECRET_ACCESS_KEY is required with S3_ACCESS_KEY_ID/);
    expect(() => validateEnvironment({ BLOB_STORE: 's3', S3_BUCKET: 'Not_A_Bucket' })).toThrow(
      /S3_BUCKET must be/,
    );
    expect(() => validateEnvironment({ S3_ENDPOINT: 'minio:9000' })).toThrow(/S3_ENDPOINT must be an http/);
    expect(() => validateEnvironment({ S3_FORCE_PATH_STYLE: 'sometimes' })).toThrow(/S3_FORCE_PATH_STYLE/);
    const s3 = validateEnvironment({
      BLOB_STORE: 's3',
      S3_ENDPOINT: 'http://minio:9000',
      S3_BUCKET: 'hushdesk',
      S3_FORCE_PATH_STYLE: '1',
    });
    expect([s3.BLOB_STORE, s3.S3_REGION, s3.S3_FORCE_PATH_STYLE]).toEqual(['s3', 'us-east-1', true]);
  });

  it('validates JOB_LEASE_SECONDS: 20 by default, whole seconds from 4 to 3600', () => {
    expect(validateEnvironment({}).JOB_LEASE_SECONDS).toBe(20);
    expect(validateEnvironment({ JOB_LEASE_SECONDS: '8' }).JOB_LEASE_SECONDS).toBe(8);
    for (const bad of ['soon', '2', '1.5', '86400'])
      expect(() => validateEnvironment({ JOB_LEASE_SECONDS: bad })).toThrow(/JOB_LEASE_SECONDS/);
  });
});
