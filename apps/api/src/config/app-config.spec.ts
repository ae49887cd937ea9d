import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildAppConfig } from './app-config';
import { validateEnvironment } from './environment';

const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: 'a-production-jwt-secret-of-at-least-32-chars',
  IDENTIFIER_HMAC_KEY: 'a-production-identifier-key-at-least-32-chars',
};
const URL = 'postgres://hushdesk@127.0.0.1:5432/hushdesk';

function configFor(env: Record<string, string>, embedded = false) {
  const dataDir = mkdtempSync(join(tmpdir(), 'hushdesk-config-'));
  return {
    config: buildAppConfig(validateEnvironment({ DATA_DIR: dataDir, ...env }), URL, { embedded }),
    dataDir,
  };
}

describe('buildAppConfig', () => {
  it('in production: no demo (even on the embedded database), no docs, Secure cookies, no generated secrets', () => {
    const { config, dataDir } = configFor(PRODUCTION, true);
    expect(config.demo.enabled).toBe(false);
    expect(config.apiDocs).toBe(false);
    expect(config.cookieSecure).toBe(true);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('in production: the docs only when API_DOCS turns them on; plain-HTTP cookies only when asked', () => {
    const { config } = configFor({ ...PRODUCTION, API_DOCS: '1', COOKIE_SECURE: 'false' });
    expect(config.apiDocs).toBe(true);
    expect(config.cookieSecure).toBe(false);
  });

  it('in development: demo on the embedded database, docs on, cookies for plain HTTP', () => {
    const { config } = configFor({}, true);
    expect(config.demo.enabled).toBe(true);
    expect(config.apiDocs).toBe(true);
    expect(config.cookieSecure).toBe(false);
    expect(configFor({ API_DOCS: '0' }).config.apiDocs).toBe(false);
    expect(configFor({}, false).config.demo.enabled).toBe(false);
  });
});
