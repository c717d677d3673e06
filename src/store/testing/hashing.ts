import type { PasswordHashing } from '../password.ts';

/**
 * A cheap password cost for tests, which hash the demo passwords hundreds of times: scrypt at
 * N=1024 (about 1 ms, not OWASP's 0.5 s) and SCRAM at RFC 7677's minimum of 4096 iterations (the
 * least Strophe.js accepts). The product's default is `OWASP_HASHING`; tests never rely on it.
 */
export const TEST_HASHING: PasswordHashing = { scrypt: { N: 1024, r: 8, p: 1 }, scramIterations: 4096 };
