import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.ts';
import { contentSecurityPolicy } from './page-security.ts';
import { escapeHtml } from '../../html/escape-html.ts';
import { renderPdfViewerPage } from './page-shell.ts';

describe("the pages' security headers", () => {
  it('forbids inline script and lets anyone embed by default', () => {
    const csp = contentSecurityPolicy(loadConfig({}));
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/unsafe-(inline|eval)/);
    expect(csp).toMatch(/frame-ancestors \*$/);
  });

  it('takes frame-ancestors from DOJANG_FRAME_ANCESTORS', () => {
    expect(loadConfig({ DOJANG_FRAME_ANCESTORS: "'self'  https://app.example.com, https://*.example.org:8443" }).frameAncestors).toBe(
      "'self' https://app.example.com https://*.example.org:8443",
    );
    expect(loadConfig({ DOJANG_FRAME_ANCESTORS: "'none'" }).frameAncestors).toBe("'none'");
  });

  it('refuses values that would break out of the directive, naming the variable', () => {
    for (const bad of ['https://a.example; script-src *', "'unsafe-inline'", "'none' https://a.example", 'https://a.example"']) {
      expect(() => loadConfig({ DOJANG_FRAME_ANCESTORS: bad }), bad).toThrow(ConfigError);
      expect(() => loadConfig({ DOJANG_FRAME_ANCESTORS: bad })).toThrow(/DOJANG_FRAME_ANCESTORS/);
    }
  });
});

describe('the viewer page shell', () => {
  it('passes URLs to the script as escaped data attributes, never as script', () => {
    const html = renderPdfViewerPage({
      title: '계약서 "A" <b>',
      pdfUrl: '/documents/x.pdf?a=1&b=2',
      downloadUrl: '/documents/x.pdf?download=1',
      language: 'en-US',
    });
    expect(html).toContain('data-pdf-url="/documents/x.pdf?a=1&amp;b=2"');
    expect(html).toContain('<title>계약서 &quot;A&quot; &lt;b&gt;</title>');
    expect(html).toMatch(/<script type="module" src="\/assets\/viewer(-[A-Z0-9]{8})?\.js"><\/script>/);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<html lang="en">');
    expect(escapeHtml(`<'&">`)).toBe('&lt;&#39;&amp;&quot;&gt;');
  });
});
