import { DEMO_ACCOUNTS, loginBlock } from './demo-seed.service';

describe('loginBlock', () => {
  const base = {
    baseUrl: 'http://localhost:3000',
    logFile: '.data/hushdesk.log',
    dataDir: '.data',
    sampleData: true,
  };

  it('says where, who and how to stop, in plain words', () => {
    const text = loginBlock({ ...base, password: 'hushdesk' });
    expect(text).toContain('Hushdesk is ready: http://localhost:3000');
    expect(text).toContain('with the password hushdesk');
    for (const a of DEMO_ACCOUNTS) expect(text).toContain(a.email);
    expect(text).toContain('Logs go to .data/hushdesk.log');
    expect(text.trimEnd().split('\n').pop()).toMatch(/press Ctrl\+C/);
  });

  it('never echoes a password the operator chose', () => {
    const text = loginBlock({ ...base, password: null });
    expect(text).toContain('the password you set in HUSHDESK_DEMO_PASSWORD');
  });
});
