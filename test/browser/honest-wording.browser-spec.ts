import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * No screen may promise that someone is notified, mailed or told on its own say-so: each says what
 * happens (what the customer sees in the portal, what the staff member must tell the person
 * themselves). The one place that says a mail will go is the reply box's recipient line, and it
 * says so only on the API's word (`GET /api/tickets/:id/mail-recipient`, which answers
 * `not_sending` without a relay, Do Not Contact, and so on; checked in mail-outbound.e2e-spec and
 * the mail screens' browser spec), so that phrase is set aside here. Read from the built web app,
 * so every screen's words are covered, whichever component holds them.
 */
/** Phrases shown only when the API says they are true. */
const API_BACKED = [/Will be emailed to/g];
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
  const unbacked = API_BACKED.reduce((text, phrase) => text.replace(phrase, ''), bundle);

  it('finds the built app (run the web build first)', () => {
    expect(bundle.includes('Sign in to Hushdesk')).toBe(true);
  });

  it.each(CLAIMS.map((claim) => [claim.source, claim] as const))(
    'claims nothing like /%s/',
    (_source, claim) => {
      const found = claim.exec(unbacked);
      const context = found ? unbacked.slice(Math.max(0, found.index - 80), found.index + 120) : null;
      expect(context).toBeNull();
    },
  );

  it('says what a reply does: the customer sees it in the portal', () => {
    expect(bundle.includes('The customer sees this reply in the portal')).toBe(true);
  });
});
