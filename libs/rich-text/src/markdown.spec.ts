import { markdownToText, renderMarkdown } from './markdown';

describe('renderMarkdown', () => {
  it('renders the everyday Markdown of a reply', () => {
    const html = renderMarkdown('# Fixed\n\n**Restart** the _printer_:\n\n- one\n- two\n\n`lpstat -p`');
    expect(html).toContain('<h1>Fixed</h1>');
    expect(html).toContain('<strong>Restart</strong>');
    expect(html).toContain('<em>printer</em>');
    expect(html).toContain('<li>one</li>');
    expect(html).toContain('<code>lpstat -p</code>');
  });

  it('keeps single line breaks, as people type them', () => {
    expect(renderMarkdown('Hello\nWorld')).toContain('Hello<br>\nWorld');
  });

  it('escapes HTML instead of passing it through', () => {
    const html = renderMarkdown('<script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toContain('<script');
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it.each([
    '[click](javascript:alert(1))',
    '[click](JAVASCRIPT:alert(1))',
    '[click](java\tscript:alert(1))',
    '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)',
    '[click](vbscript:msgbox)',
    '[click](//evil.example/x)',
    '<javascript:alert(1)>',
  ])('never makes a link of %s', (source) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(/<a /);
    expect(html).not.toMatch(/href=/);
  });

  it('renders images as links, never as images', () => {
    const html = renderMarkdown('![pixel](https://tracker.example/p.gif)\n\n![x](javascript:alert(1))');
    expect(html).not.toContain('<img');
    expect(html).toContain('href="https://tracker.example/p.gif"');
    expect(html).not.toContain('javascript:alert(1)"');
  });

  it('opens safe links in a new tab without a referrer', () => {
    const html = renderMarkdown('[docs](https://example.com/a) and mailto:help@example.com');
    expect(html).toContain(
      '<a href="https://example.com/a" rel="noopener noreferrer nofollow" target="_blank">docs</a>',
    );
  });

  it('keeps attribute quotes escaped in link addresses and titles', () => {
    const html = renderMarkdown('[x](https://example.com/" onmouseover="alert(1) "t")');
    expect(html).not.toMatch(/" onmouseover="/);
  });
});

describe('markdownToText', () => {
  it('takes the markup off and keeps the words and addresses', () => {
    expect(
      markdownToText('## Done\n\n**Restart** the _printer_ with `x`, see [docs](https://example.com).'),
    ).toBe('Done\n\nRestart the printer with x, see docs (https://example.com).');
  });

  it('leaves hostile text as text', () => {
    expect(markdownToText('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});
