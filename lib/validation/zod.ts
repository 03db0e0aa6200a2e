import { z } from 'zod';

// The zod every validation module uses. In the browser it compiles no parsers with
// `new Function`: the pages' Content-Security-Policy allows no eval (lib/api/csp.ts), and even
// zod's guarded probe for it would be reported as a violation. The server keeps the faster JIT.
if (typeof window !== 'undefined') z.config({ jitless: true });

export { z };
