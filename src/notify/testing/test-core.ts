/** A server core with in-memory logs and the test users of `test-server.ts`. */
import { DEFAULTS } from '../options.ts';
import { passwordAuthority } from '../sasl-authority.ts';
import { createServerCore, type ServerCore, type ServerCoreOptions } from '../server-core.ts';
import type { PresenceEvent } from '../stanza-router.ts';
import { type MemoryLog, memoryLog } from './memory-log.ts';
import { USERS } from './test-server.ts';

export interface TestCore extends ServerCore {
  infoLog: MemoryLog;
  debugLog: MemoryLog;
  presence: PresenceEvent[];
}

export function createTestCore(overrides: Partial<ServerCoreOptions> = {}): TestCore {
  const infoLog = memoryLog();
  const debugLog = memoryLog();
  const core = createServerCore({
    domain: 'localhost',
    pubsubDomain: 'pubsub.localhost',
    authority: passwordAuthority(async (u, p) => USERS.includes(u) && u === p),
    mayRead: (_jid, node) => !node.startsWith('/forbidden/'),
    systemUsers: new Set(['publisher@localhost']),
    allowPlainOnInsecure: true,
    limits: DEFAULTS.limits,
    infoLog,
    debugLog,
    ...overrides,
  });
  const presence: PresenceEvent[] = [];
  core.router.onPresence((e) => presence.push(e));
  return Object.assign(core, { infoLog, debugLog, presence });
}
