/** A `SessionTransport` that records what the session sends, for in-process transcripts. */
import { parseXml, type XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import type { ServerCore } from '../server-core.ts';
import type { XmppSession } from '../session.ts';
import type { SessionTransport, StreamHeader } from '../session-transport.ts';

export class FakeTransport implements SessionTransport {
  readonly kind = 'TCP';
  remoteAddress = '127.0.0.1:5000';
  isSecure = false;
  /** Set by `offerTls()`: the link can be upgraded, as TCP with a certificate. */
  startTls?: () => void;
  readonly headers: StreamHeader[] = [];
  readonly sent: XmlElement[] = [];
  resets = 0;
  /** Set when the session closed the stream; `error` is the `<stream:error>` if any. */
  closed: { error?: XmlElement } | undefined;

  openStream(header: StreamHeader): void {
    this.headers.push(header);
  }
  send(element: XmlElement): void {
    this.sent.push(element);
  }
  resetStream(): void {
    this.resets++;
  }
  closeStream(error?: XmlElement): void {
    this.closed = { error };
  }

  /** Makes the link upgradable; the upgrade itself just turns it secure. */
  offerTls(): this {
    this.startTls = () => {
      this.isSecure = true;
    };
    return this;
  }

  /** Everything sent since the last call. */
  take(): XmlElement[] {
    return this.sent.splice(0);
  }

  /** The stream error condition the session closed with. */
  get streamError(): string | undefined {
    return this.closed?.error?.elements()[0]?.local;
  }
}

/** Parses stanzas as if they came inside a jabber:client stream. */
export function stanza(text: string): XmlElement {
  const r = parseXml(
    `<stream:stream xmlns="${NS.client}" xmlns:stream="${NS.stream}">${text}</stream:stream>`,
  );
  if (!r.ok) throw new Error(`bad test stanza: ${r.error}`);
  return r.root.elements()[0];
}

export function plain(user: string, password: string, authzid = ''): string {
  return Buffer.from(`${authzid}\u0000${user}\u0000${password}`).toString('base64');
}

export interface LoggedIn {
  xmpp: XmppSession;
  t: FakeTransport;
  jid: string;
}

/** Stream open, SASL PLAIN, restart, bind (and initial presence unless `presence` is null). */
export async function login(
  core: ServerCore,
  user: string,
  resource = 'desktop',
  presence: string | null = '<presence><priority>0</priority></presence>',
  remoteAddress?: string,
): Promise<LoggedIn> {
  const t = new FakeTransport();
  if (remoteAddress) t.remoteAddress = remoteAddress;
  const xmpp = core.createXmpp(t);
  await xmpp.streamStart({ to: 'localhost', version: '1.0' });
  await xmpp.receive(stanza(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain(user, user)}</auth>`));
  await xmpp.streamStart({ to: 'localhost', version: '1.0' });
  await xmpp.receive(
    stanza(`<iq type="set" id="bind"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`),
  );
  const jid = t.sent
    .find((e) => e.attr('id') === 'bind')
    ?.getChild('bind')
    ?.getChildText('jid');
  if (!jid) throw new Error(`login of ${user} failed: ${t.sent.map(String).join(' ')}`);
  if (presence !== null) await xmpp.receive(stanza(presence));
  t.take();
  return { xmpp, t, jid };
}
