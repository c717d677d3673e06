/**
 * The server side of the gadget platform (spec/gadgets.md): the makeRequest proxy and its
 * protocol. The container and finesse.js live in src/desktop.
 */

export {
  type AllowList,
  type AllowListOptions,
  createAllowList,
  isInternalAddress,
  parseAllowEntry,
} from './allow-list.ts';
export {
  createMakeRequestProxy,
  type MakeRequestProxy,
  type MakeRequestProxyOptions,
  PROXY_LIMITS,
  type ProxyTimers,
} from './proxy.ts';
export {
  MAKE_REQUEST_PATH,
  PROXY_ERRORS,
  type ProxyErrorCode,
  type ProxyRequest,
  type ProxyResponse,
  parseProxyRequest,
  proxyError,
} from './proxy-protocol.ts';
