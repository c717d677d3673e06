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
export { BUILT_IN_GADGETS, DEFAULT_LAYOUT_XML } from './default-layout.ts';
export {
  type FileResult,
  GADGET_FILE_LIMITS,
  type GadgetFile,
  GadgetFileStore,
  gadgetFilesRoot,
  safeSegments,
} from './file-store.ts';
export {
  createGadgetFilesHandler,
  GADGET_FILES_PREFIX,
  type GadgetFilesHandlerOptions,
} from './files-handler.ts';
export {
  describeProblem,
  FINESSE_NS,
  type FinesseLayout,
  type HeaderColumn,
  type HeaderComponent,
  type LayoutGadget,
  type LayoutProblem,
  type LayoutRole,
  type LayoutTab,
  MAX_COLUMNS,
  MAX_LAYOUT_LENGTH,
  parseFinesseLayout,
  type RoleLayout,
} from './layout.ts';
export {
  createMakeRequestProxy,
  type MakeRequestProxy,
  type MakeRequestProxyOptions,
  PROXY_LIMITS,
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
