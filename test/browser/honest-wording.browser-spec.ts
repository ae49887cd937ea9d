import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Hushdesk sends no email yet (the channel comes later), so no screen may say that someone is
 * notified, mailed or told: each says only what happens (what the customer sees in the portal, and
 * what the staff member must tell the person themselves). Read from the built web app, so every
 * screen's words are covered, whichever component holds them.
 */
const CLAIMS: RegExp[] = [
  /\b(?:is|are|be|gets?) notified\b/i,
  /\bnotif(?:y|ies|ication)\b[^"'`]{0,40}\b(?:customer|requester|person|them|you)\b/i,
  /\btold to (?:the|them)\b/i,
  /\b(?:customer|requester|person) is told\b/i,
  /\btells (?:the|them)\b[^"'`]{0,20}\b(?:customer|requester|person)?/i,
  /\b(?:sent|emailed|mailed) to (?:the )?(?:customer|requester|person|them|you)\b/i,
  /\bwe (?:will )?(?:e-?mail|write to|send) you\b/i,
  /\b(?:and )?tell you what we\b/i,
];

describe('what the web app promises about telling people', () => {
  const assets = resolve(__dirname, '../../dist/apps/web/assets');
  const bundle = readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((name) => readFileSync(join(assets, name), 'utf8'))
    .join('\n');

  it('finds the built app (run the web build first)', () => {
    expect(bundle.includes('Sign in to Hushdesk')).toBe(true);
  });

  it.each(CLAIMS.map((claim) => [claim.source, claim] as const))(
    'claims nothing like /%s/',
    (_source, claim) => {
      const found = claim.exec(bundle);
      const context = found ? bundle.slice(Math.max(0, found.index - 80), found.index + 120) : null;
      expect(context).toBeNull();
    },
  );

  it('says what a reply does: the customer sees it in the portal', () => {
    expect(bundle.includes('The customer sees this reply in the portal')).toBe(true);
  });
});
