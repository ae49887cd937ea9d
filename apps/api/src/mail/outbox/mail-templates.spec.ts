import { escapeHtml, htmlOf, isAutomatic, renderMail, type MailContent } from './mail-templates';

const base: MailContent = {
  kind: 'public_reply',
  reference: 'HD-000123',
  ticketSubject: 'Router\r\nBcc: victim@example.com',
  recipientName: 'Alice Archer',
  authorName: 'Sam Patel',
  replyText: 'Try <b>this</b> & "that"\nthen reboot',
  requesterName: 'Alice Archer',
  ticketType: 'fault',
  priority: 'P2',
  senderName: 'Acme Support',
};

describe('mail templates', () => {
  it('keeps the subject on one line with the reference, so it cannot add a header', () => {
    expect(renderMail(base).subject).toBe('Re: [HD-000123] Router Bcc: victim@example.com');
    expect(renderMail({ ...base, kind: 'ticket_received' }).subject).toBe(
      '[HD-000123] Router Bcc: victim@example.com',
    );
  });

  it('builds HTML only from escaped text', () => {
    const { html, text } = renderMail(base);
    expect(text).toContain('Try <b>this</b> & "that"\nthen reboot');
    expect(html).toContain('Try &lt;b&gt;this&lt;/b&gt; &amp; &quot;that&quot;<br>\nthen reboot');
    expect(html).not.toContain('<b>');
    expect(escapeHtml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
    expect(htmlOf(['<script>'])).toContain('<p>&lt;script&gt;</p>');
  });

  it('marks notifications automatic, and an engineer reply not', () => {
    expect(isAutomatic('public_reply')).toBe(false);
    for (const kind of ['ticket_received', 'ticket_resolved', 'new_ticket', 'ticket_assigned'] as const) {
      expect(isAutomatic(kind)).toBe(true);
    }
  });
});
