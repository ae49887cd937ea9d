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

  it('renders a Markdown reply as sanitised HTML and readable text', () => {
    const hostile = [
      '**Fixed**, see [the guide](https://example.com/guide).',
      '<script>alert(1)</script>',
      '[click](javascript:alert(1)) [data](data:text/html;base64,PHNjcmlwdD4=)',
      '![x](https://tracker.example/p.gif) <img src=x onerror="alert(1)">',
    ].join('\n\n');
    const { html, text } = renderMail({ ...base, replyText: hostile });
    expect(html).toContain('<strong>Fixed</strong>');
    expect(html).toContain('<a href="https://example.com/guide" rel="noopener noreferrer nofollow"');
    expect(html).not.toMatch(/<script|<img|javascript:alert\(1\)"|href="data:|onerror="/);
    expect(html).toContain('&lt;script&gt;');
    expect(text).toContain('Fixed, see the guide (https://example.com/guide).');
    expect(text).toContain('Sam Patel\nAcme Support');
  });

  it('marks notifications automatic, and an engineer reply not', () => {
    expect(isAutomatic('public_reply')).toBe(false);
    for (const kind of ['ticket_received', 'ticket_resolved', 'new_ticket', 'ticket_assigned'] as const) {
      expect(isAutomatic(kind)).toBe(true);
    }
  });
});
