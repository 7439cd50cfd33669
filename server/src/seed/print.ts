import { DEMO_PASSWORD } from './accounts.js';
import type { SeedResult } from './index.js';

export function printAccounts(accounts: SeedResult['accounts']): void {
  console.log(`\n演示账号 / Demo logins (password 密码: ${DEMO_PASSWORD})`);
  for (const a of accounts) {
    const totp = a.totpSecret ? `  TOTP secret: ${a.totpSecret}` : '';
    console.log(`  ${a.username.padEnd(16)} ${a.role.padEnd(18)} ${a.note}${totp}`);
  }
  console.log('管理员需在身份验证器（如 Google Authenticator、Microsoft Authenticator）中添加上面的 TOTP 密钥。');
  console.log('Administrators: add the TOTP secret above to any authenticator app.\n');
}
