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
});
