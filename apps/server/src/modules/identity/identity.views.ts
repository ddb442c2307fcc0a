/**
 * The unified login's own pages (统一身份认证), server-rendered zh-CN HTML: plain forms that POST to
 * the interaction URLs, inline styles only, no scripts (the CSP allows scripts from our origin only).
 */

/** Escape text for HTML element content and attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

const STYLE = `
body{margin:0;font-family:"PingFang SC","Microsoft YaHei",sans-serif;background:#f0f2f5;color:#1f1f1f}
header{background:#c4161c;color:#fff;padding:14px 24px;font-size:18px;font-weight:600}
main{max-width:420px;margin:32px auto;background:#fff;border-radius:8px;padding:24px 32px;box-shadow:0 2px 8px rgba(0,0,0,.08)}
h1{font-size:20px;margin:0 0 16px}
label{display:block;margin:12px 0 4px;font-size:14px}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;height:38px;padding:0 10px;border:1px solid #d9d9d9;border-radius:4px;font-size:15px}
button{width:100%;height:40px;margin-top:16px;border:0;border-radius:4px;background:#1677ff;color:#fff;font-size:15px;cursor:pointer}
button.secondary{background:#fff;color:#1f1f1f;border:1px solid #d9d9d9}
.error{background:#fff2f0;border:1px solid #ffccc7;color:#a8071a;padding:8px 12px;border-radius:4px;margin-bottom:12px}
.note{color:#595959;font-size:13px}
.code{font-family:monospace;font-size:15px;word-break:break-all;background:#fafafa;padding:8px;border:1px solid #f0f0f0}
ul{padding-left:20px}
hr{border:0;border-top:1px solid #f0f0f0;margin:20px 0}
`;

/** A whole page around `body`. */
export function page(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} - 一网通办统一身份认证</title>
<style>${STYLE}</style>
</head>
<body>
<header>一网通办 · 统一身份认证</header>
<main>
${body}
</main>
</body>
</html>`;
}

const errorBox = (error?: string) =>
  error ? `<div class="error" role="alert">${escapeHtml(error)}</div>` : '';

export interface InteractionView {
  /** Base of the interaction's URLs: `<issuer path>/interaction/<uid>`. */
  action: string;
  clientName: string;
  error?: string;
}

/** 登录: by password (账号 is a citizen ID, credit code, mobile or staff username) or by SMS code. */
export function loginPage(
  view: InteractionView & { login?: string; mobile?: string; smsSent?: boolean },
): string {
  return page(
    '登录',
    `<h1>登录</h1>
<p class="note">您正在登录「${escapeHtml(view.clientName)}」。一次登录，即可使用各部门的政务服务系统。</p>
${errorBox(view.error)}
<form method="post" action="${escapeHtml(view.action)}/password">
<label for="login">账号</label>
<input type="text" id="login" name="login" value="${escapeHtml(view.login)}" autocomplete="username" placeholder="身份证号 / 统一社会信用代码 / 手机号 / 工作人员用户名" required>
<label for="password">密码</label>
<input type="password" id="password" name="password" autocomplete="current-password" required>
<button type="submit">登录</button>
</form>
<hr>
<h1>短信验证码登录</h1>
<form method="post" action="${escapeHtml(view.action)}/sms-code">
<label for="mobile">手机号</label>
<input type="text" id="mobile" name="mobile" value="${escapeHtml(view.mobile)}" inputmode="numeric" autocomplete="tel">
<button type="submit" class="secondary">获取验证码</button>
</form>
${
  view.smsSent
    ? `<form method="post" action="${escapeHtml(view.action)}/sms">
<input type="hidden" name="mobile" value="${escapeHtml(view.mobile)}">
<p class="note">验证码已发送至 ${escapeHtml(view.mobile)}，5 分钟内有效。</p>
<label for="code">验证码</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">验证码登录</button>
</form>`
    : ''
}
<form method="post" action="${escapeHtml(view.action)}/abort"><button type="submit" class="secondary">取消</button></form>`,
  );
}

/** 二次验证: a code from the authenticator app, or a recovery code. */
export function secondFactorPage(view: InteractionView): string {
  return page(
    '二次验证',
    `<h1>二次验证</h1>
${errorBox(view.error)}
<form method="post" action="${escapeHtml(view.action)}/second-factor">
<label for="code">动态验证码（身份验证器中的 6 位数字）或恢复码</label>
<input type="text" id="code" name="code" autocomplete="one-time-code" required>
<button type="submit">验证</button>
</form>`,
  );
}

/** 绑定身份验证器: staff must enrol a TOTP authenticator before their first sign-in completes. */
export function totpEnrolmentPage(view: InteractionView & { secret: string; otpauthUri: string }): string {
  return page(
    '绑定身份验证器',
    `<h1>绑定身份验证器</h1>
<p class="note">工作人员登录须使用二次验证。请在身份验证器应用中添加以下密钥（或导入链接），然后输入它显示的 6 位动态码。</p>
${errorBox(view.error)}
<p>密钥：</p><p class="code" id="totp-secret">${escapeHtml(view.secret)}</p>
<p>导入链接：</p><p class="code" id="totp-uri">${escapeHtml(view.otpauthUri)}</p>
<form method="post" action="${escapeHtml(view.action)}/totp-enrolment">
<label for="code">动态验证码</label>
<input type="text" id="code" name="code" inputmode="numeric" autocomplete="one-time-code" required>
<button type="submit">确认绑定</button>
</form>`,
  );
}

/** The recovery codes, shown once after enrolment. */
export function recoveryCodesPage(view: InteractionView & { codes: string[] }): string {
  return page(
    '恢复码',
    `<h1>请保存恢复码</h1>
<p class="note">身份验证器不可用时，可用以下恢复码完成二次验证，每个只能使用一次。恢复码只显示这一次，请妥善保存。</p>
<ul id="recovery-codes">${view.codes.map((code) => `<li class="code">${escapeHtml(code)}</li>`).join('')}</ul>
<form method="post" action="${escapeHtml(view.action)}/continue"><button type="submit">我已保存，继续</button></form>`,
  );
}

/** 选择办事身份: oneself, or an enterprise the person is an authorized agent (经办人) of. */
export function chooseIdentityPage(
  view: InteractionView & {
    personName: string;
    options: { enterpriseId: string; name: string; creditCodeMasked: string }[];
  },
): string {
  const options = view.options
    .map(
      (option) =>
        `<label><input type="radio" name="actFor" value="${escapeHtml(option.enterpriseId)}"> 代表 ${escapeHtml(option.name)}（${escapeHtml(option.creditCodeMasked)}）办事</label>`,
    )
    .join('\n');
  return page(
    '选择办事身份',
    `<h1>选择办事身份</h1>
${errorBox(view.error)}
<form method="post" action="${escapeHtml(view.action)}/identity">
<label><input type="radio" name="actFor" value="self" checked> 以个人身份（${escapeHtml(view.personName)}）办事</label>
${options}
<button type="submit">确定</button>
</form>`,
  );
}

const SCOPE_NAMES: Record<string, string> = {
  openid: '您的用户标识',
  profile: '姓名、账户类型和身份核验等级',
  phone: '手机号码',
  identity: '证件号码（身份证号或统一社会信用代码）及法定代表人',
  staff: '所属部门和行政区划',
  offline_access: '在您离线时保持访问（刷新令牌）',
  api: '代表您调用一网通办平台接口',
};

/** 授权确认: which of the person's information the system receives. */
export function consentPage(view: InteractionView & { scopes: string[] }): string {
  const items = view.scopes.map((scope) => `<li>${escapeHtml(SCOPE_NAMES[scope] ?? scope)}</li>`).join('');
  return page(
    '授权确认',
    `<h1>授权确认</h1>
<p>「${escapeHtml(view.clientName)}」请求获取您的以下信息：</p>
<ul>${items}</ul>
${errorBox(view.error)}
<form method="post" action="${escapeHtml(view.action)}/consent">
<button type="submit" name="decision" value="allow">同意授权</button>
<button type="submit" name="decision" value="deny" class="secondary">拒绝</button>
</form>`,
  );
}

/** 退出确认 (RP-initiated logout): `form` is the provider's hidden form (id op.logoutForm). */
export function logoutPage(form: string, clientName?: string): string {
  return page(
    '退出登录',
    `<h1>退出登录</h1>
<p>${clientName ? `「${escapeHtml(clientName)}」请求退出登录。` : ''}是否退出统一身份认证？退出后，您在所有已登录的政务服务系统中都将退出。</p>
${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">退出全部系统</button>
<button type="submit" form="op.logoutForm" class="secondary">仅退出该系统</button>`,
  );
}

/** After logout, when the system gave no address to return to. */
export function logoutSuccessPage(clientName?: string): string {
  return page(
    '已退出',
    `<h1>您已退出登录</h1><p>${clientName ? `已退出「${escapeHtml(clientName)}」。` : '已退出统一身份认证。'}可以关闭此页面。</p>`,
  );
}

const OIDC_ERRORS: Record<string, string> = {
  invalid_request: '请求无效',
  invalid_client: '接入系统无效或已停用',
  invalid_redirect_uri: '回调地址未登记',
  access_denied: '访问被拒绝',
  login_required: '请先登录',
  session_not_found: '登录会话已过期，请返回原系统重新登录',
  invalid_scope: '请求的授权范围不允许',
  invalid_target: '请求的资源不允许',
  server_error: '系统繁忙，请稍后重试',
};

/** The provider's error page. */
export function errorPage(error: string, description?: string): string {
  return page(
    '出错了',
    `<h1>无法完成登录</h1>
<div class="error" role="alert">${escapeHtml(OIDC_ERRORS[error] ?? '请求无法处理')}</div>
<p class="note">错误代码：${escapeHtml(error)}${description ? `（${escapeHtml(description)}）` : ''}</p>
<p class="note">请返回原系统重新发起登录。</p>`,
  );
}
