export const TEST_SECRET_KEY = '7f'.repeat(32);
