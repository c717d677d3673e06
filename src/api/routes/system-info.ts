import type { CoreApi } from '../../core/index.ts';
import { xmlReply } from '../reply.ts';
import type { Route } from '../router.ts';
import { renderSystemInfo } from '../wire/index.ts';

/**
 * `GET /finesse/api/SystemInfo[?timestamponly][&nocache=…]` — public, and answered while out of
 * service: it is how a desktop learns the service status and the XMPP domain before signing in.
 */
export function systemInfoRoute(core: CoreApi): Route {
  return {
    pattern: '/SystemInfo',
    apiName: 'systemInfo',
    isPublic: true,
    methods: {
      async GET(ctx) {
        ctx.logApiRequest('');
        // `?timestamponly` and `?timestamponly=true` both ask for it (inferred parameter, §1.2).
        const flag = ctx.query.get('timestamponly') ?? ctx.query.get('timestampOnly');
        const timestampOnly = flag !== null && flag.toLowerCase() !== 'false';
        return xmlReply(200, renderSystemInfo(core.systemInfo(), { timestampOnly }));
      },
    },
  };
}
