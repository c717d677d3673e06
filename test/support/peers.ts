/**
 * The real peers some suites need (PostgreSQL, Chromium, go-sendxmpp, Prosody, the seed
 * documents). `npm test` installs them first (scripts/install-test-deps.sh), so a missing peer is
 * a failure that names its install script, never a quiet skip. A run may leave a peer out on
 * purpose with `SWITCHBOARD_TEST_WITHOUT=postgres,chromium,…`: its suites are then reported as
 * skipped, each saying so (scripts/run-tests-faketime.sh does this for Chromium).
 */
const PEERS = ['postgres', 'chromium', 'sendxmpp', 'prosody', 'seeds'] as const;
export type Peer = (typeof PEERS)[number];

const LEFT_OUT = new Set(
  (process.env.SWITCHBOARD_TEST_WITHOUT ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean),
);
// A misspelt name would leave nothing out, silently (go-sendxmpp's peer is `sendxmpp`).
for (const name of LEFT_OUT) {
  if (!(PEERS as readonly string[]).includes(name))
    throw new Error(`SWITCHBOARD_TEST_WITHOUT: unknown peer '${name}' (known: ${PEERS.join(', ')})`);
}

/**
 * For `describe(…, { skip })`: false when `peer` is there (`missing` undefined); the reason when
 * the run leaves it out on purpose; otherwise throws `missing`, so the test file fails loudly.
 */
export function skipUnlessPeer(peer: Peer, missing: string | undefined): string | false {
  if (LEFT_OUT.has(peer)) return `${peer} left out of this run (SWITCHBOARD_TEST_WITHOUT)`;
  if (missing === undefined) return false;
  throw new Error(`${missing} — or leave it out on purpose: SWITCHBOARD_TEST_WITHOUT=${peer}`);
}

/** Whether the run leaves `peer` out on purpose (then nothing needs to look for it). */
export const isLeftOut = (peer: Peer): boolean => LEFT_OUT.has(peer);
