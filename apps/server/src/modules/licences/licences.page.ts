import type { Verification } from './licences.service.js';

/**
 * 证照核验页: the public page the QR code on a licence leads to. Server-rendered zh-CN HTML with
 * no scripts (the platform's CSP allows none inline); it says whether the licence is valid now and
 * shows only what the licence's face shows anyone, the holder's name masked.
 */

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

export function verificationPage(identifier: string, result: Verification): string {
  const licence = result.licence;
  const rows = licence
    ? [
        ['证照类型', licence.typeName],
        ['持证主体', licence.holderName],
        ['发证机关', licence.issuerName],
        ['发证日期', licence.issuedOn],
        ['有效期至', licence.validUntil ?? '长期'],
      ]
    : [];
  const colour = result.valid ? '#1a7f37' : '#c62828';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>电子证照核验 — 一网通办</title>
<style>
body{font-family:system-ui,-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:0;background:#f5f6f8;color:#1f1f1f}
main{max-width:560px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 28px;box-shadow:0 1px 4px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}
.verdict{font-size:22px;font-weight:600;color:${colour};margin:8px 0}
.reason{color:#555;margin:0 0 16px}
table{border-collapse:collapse;width:100%}
th{text-align:left;font-weight:500;color:#666;width:7em;padding:6px 0;vertical-align:top}
td{padding:6px 0;word-break:break-all}
.id{font-family:ui-monospace,monospace;font-size:13px}
footer{color:#888;font-size:12px;margin-top:20px}
</style>
</head>
<body>
<main>
<h1>电子证照核验</h1>
<p class="verdict">${result.valid ? '✔ 证照真实有效' : '✘ 证照无效'}</p>
<p class="reason">${escapeHtml(result.message)}</p>
<table>
<tr><th>证照标识</th><td class="id">${escapeHtml(identifier)}</td></tr>
${rows.map(([label, value]) => `<tr><th>${escapeHtml(label ?? '')}</th><td>${escapeHtml(value ?? '')}</td></tr>`).join('\n')}
</table>
<footer>核验时间：${escapeHtml(result.checkedAt)}。核验依据证照库登记信息、电子印章签名（SM2/SM3）及证照状态列表。</footer>
</main>
</body>
</html>
`;
}
