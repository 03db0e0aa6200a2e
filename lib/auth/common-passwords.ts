/**
 * Passwords of 12 characters or more that appear near the top of public breach lists (the
 * shorter ones are refused by length already). Compared case-insensitively. A small list on
 * purpose: it ships to the browser with the sign-up form's schema.
 */
const common = [
  '123456789012', '1234567890123', '12345678901234', '123456123456', '111111111111', '000000000000',
  '123123123123', '987654321098', '121212121212', '112233445566', '147258369147', '123456789abc',
  'password1234', 'password12345', 'password123456', 'passwordpassword', 'password1password', 'p@ssword1234',
  'p@ssw0rd1234', 'passw0rd1234', 'qwertyuiop12', 'qwertyuiop123', 'qwertyuiopasdf', 'qwerty123456',
  'qwertyqwerty', 'asdfghjkl123', 'asdfasdfasdf', 'zxcvbnm12345', '1q2w3e4r5t6y', '1qaz2wsx3edc',
  'qazwsxedcrfv', 'iloveyou1234', 'letmein12345', 'welcome12345', 'welcome123456', 'administrator',
  'admin1234567', 'adminadmin123', 'changeme1234', 'monkey123456', 'dragon123456', 'football1234',
  'baseball1234', 'superman1234', 'sunshine1234', 'princess1234', 'trustno11234', 'abcdefghijkl',
  'abc123456789', 'abcd12345678', 'aaaaaaaaaaaa', 'correcthorsebatterystaple', 'mypassword123', 'secret123456',
  'loveyou12345', 'computer1234', 'internet1234', 'whatever1234', 'starwars1234', 'passwort1234',
];

const set = new Set(common);

export const isCommonPassword = (password: string) => set.has(password.trim().toLowerCase());
