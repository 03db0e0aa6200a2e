/** A site that is not the portal: the Origin of every cross-site attempt in the matrix. */
export const EVIL = 'https://evil.example';

/** A server action's answer: whether it succeeded, and its error code. */
export const okOf = (body: string) => body.includes('"ok":true');
export const codeOf = (body: string) => /"code":"([A-Z_]+)"/.exec(body)?.[1];
