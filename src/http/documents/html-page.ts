// A small server-rendered page for the states a link can be in (waiting, expired, disposed)
// and the verify form: no script, Korean first.
import { escapeHtml } from '../../html/escape-html.ts';

export function htmlPage(title: string, bodyHtml: string, options: { refreshSeconds?: number } = {}): string {
  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.refreshSeconds ? `<meta http-equiv="refresh" content="${options.refreshSeconds}">` : ''}
<title>${escapeHtml(title)} · Dojang</title>
<style>
body{font-family:"Noto Sans KR","NanumGothic","Apple SD Gothic Neo","Malgun Gothic",system-ui,sans-serif;margin:0;padding:24px;color:#1f2933;background:#f5f7fa;line-height:1.6}
main{max-width:920px;margin:0 auto;background:#fff;border-radius:12px;padding:24px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
h1{font-size:1.3rem;margin:0 0 12px}
.button{display:inline-block;background:#1d4ed8;color:#fff;padding:10px 16px;border-radius:8px;text-decoration:none;border:0;font:inherit;cursor:pointer}
.button:focus-visible,a:focus-visible,input:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px}
dt{font-weight:600}
.ok{color:#047857}.bad{color:#b91c1c}
</style>
</head>
<body><main><h1>${escapeHtml(title)}</h1>${bodyHtml}</main></body>
</html>`;
}
