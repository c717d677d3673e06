/**
 * Test fixtures for the notification side: BOSH sessions, presence, idle reaping, presence-driven
 * logout — the lines the second seed reads to tell client-side from server-side disconnects.
 */
import { jidOf, publish, type Scenario, setAgentState, storeOffline } from './fixtures.ts';

/** BOSH session creation, bind and the first presence, as notify and the webservices log them. */
export function boshSignIn(s: Scenario, agent: string, sid: string): void {
  s.logs.notifyInfo.write(`New bosh session (id=${sid}) from 10.10.20.5`);
  s.logs.notifyInfo.write(`Session (id=${sid}) bound to ${jidOf(agent)} over bosh`);
  s.logs.notifyDebug.write(
    `HTTPBindLog: HTTP RECV(${sid}): <body sid="${sid}" rid="1001" xmlns="http://jabber.org/protocol/httpbind"><presence/></body>`,
  );
  s.step(5);
  presence(s, agent, 'available');
}

export function presence(s: Scenario, agent: string, type: 'available' | 'unavailable'): void {
  s.logs.webservices.info(
    'Smack Listener Processor (1)',
    'PRESENCE_NOTIFICATION_RECIEVED',
    { 'FROM JID': jidOf(agent), PRESENCE_TYPE: type },
    'Finesse received a presence notifcation',
  );
}

export function boshPoll(s: Scenario, sid: string, rid: number): void {
  s.logs.notifyDebug.write(
    `HTTPBindLog: HTTP RECV(${sid}): <body sid="${sid}" rid="${rid}" xmlns="http://jabber.org/protocol/httpbind"/>`,
  );
}

/**
 * The desktop stops sending BOSH requests: 60 s later the session is reaped, presence goes
 * unavailable, presence monitoring starts. Returns the time the session was closed.
 */
export function idleClose(s: Scenario, agent: string, sid: string): number {
  s.logs.notifyDebug.write(`Session (id=${sid}) was last active 60012 ms ago: ${jidOf(agent)}`);
  s.logs.notifyInfo.write(
    `Closing idle session (id=${sid}): ${jidOf(agent)} after inactivity for more than threshold value of 60`,
  );
  s.logs.notifyInfo.write(`A session is closed for ${jidOf(agent)}`);
  const closed = s.now();
  s.step(1);
  unavailable(s, agent);
  return closed;
}

export function unavailable(s: Scenario, agent: string): void {
  presence(s, agent, 'unavailable');
  s.logs.webservices.info(
    'Smack Listener Processor (1)',
    'UNSUBSCRIBED',
    { agent_id: agent, 'FROM JID': jidOf(agent) },
    'Agent has no available desktop session',
  );
  s.logs.webservices.info(
    'pool-8-thread-1',
    'AGENT_PRESENCE_MONITORING',
    { agent_id: agent, delay_ms: 60000 },
    'Agent presence unavailable; forced logout in 60 s unless the desktop returns',
  );
}

export function agentPresent(s: Scenario, agent: string, sid: string): void {
  boshSignIn(s, agent, sid);
  s.logs.webservices.info(
    'Smack Listener Processor (1)',
    'AGENT_PRESENT',
    { agent_id: agent, 'FROM JID': jidOf(agent) },
    'Agent desktop is available again; presence driven logout cancelled',
  );
}

/** The presence window ran out: forced logout with reason 255 and the CTI round trip. */
export function presenceLogout(s: Scenario, agent: string, ext: string, invoke: number): void {
  s.logs.webservices.info(
    'CoreImpl-worker12',
    'PRESENCE DRIVEN LOGOUT',
    { agent_id: agent, reason_code: 255 },
    'Agent presence unavailable for longer than the logout delay; sending forced logout',
  );
  setAgentState(s, agent, ext, invoke, 1, { event: 'LOGOUT', reasonCode: 255 });
  publish(s, agent, 'LOGOUT');
  storeOffline(s, agent, 'LOGOUT');
}
