/**
 * Metrics taken at the seams of the composition root, so that no component needs to know about
 * them: the store's calls timed, the sign-in service's results counted per door.
 */
import type { SignIn, SignInResult } from '../auth/index.ts';
import type { ConfigStore } from '../store/index.ts';
import type { Metrics } from './metrics.ts';

/** The store with every asynchronous call timed by operation (its method name). */
export function instrumentStore(store: ConfigStore, metrics: Metrics): ConfigStore {
  const wrapped = new Map<PropertyKey, unknown>();
  return new Proxy(store, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (typeof value !== 'function') return value;
      let w = wrapped.get(prop);
      if (!w) {
        const operation = String(prop);
        w = (...args: unknown[]) => {
          const started = performance.now();
          const result = value.apply(target, args);
          if (!(result instanceof Promise)) return result;
          const done = () => metrics.storeCall(operation, (performance.now() - started) / 1000);
          result.then(done, done);
          return result;
        };
        wrapped.set(prop, w);
      }
      return w;
    },
  });
}

const outcome = (r: SignInResult | { ok: false; reason: string }) => (r.ok ? 'success' : r.reason);

/** The sign-in service as one door (rest, xmpp) uses it, each result counted. */
export function instrumentSignIn(signIn: SignIn, metrics: Metrics, door: string): SignIn {
  return {
    ...signIn,
    async password(attempt, password) {
      const r = await signIn.password(attempt, password);
      metrics.signIn(door, 'password', outcome(r));
      return r;
    },
    async scram(attempt, mechanism) {
      const start = await signIn.scram(attempt, mechanism);
      if (!start.ok) {
        metrics.signIn(door, 'scram', outcome(start));
        return start;
      }
      return {
        ...start,
        async finish(isProofValid) {
          const r = await start.finish(isProofValid);
          metrics.signIn(door, 'scram', outcome(r));
          return r;
        },
      };
    },
    async token(token, username) {
      const r = await signIn.token(token, username);
      metrics.signIn(door, 'token', outcome(r));
      return r;
    },
  };
}
