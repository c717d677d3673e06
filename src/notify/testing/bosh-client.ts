/** A raw BOSH client over node:http, for the edge cases a real library never produces. */
import http from 'node:http';
import { parseXml, type XmlElement } from '../../xml/index.ts';
import { NS } from '../namespaces.ts';
import { plain } from './fake-transport.ts';

export interface Response {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The parsed `<body/>` (undefined if the response is not XML). */
  body: XmlElement | undefined;
}

export interface PostOptions {
  method?: string;
  headers?: Record<string, string>;
  /** Resolves with the request itself, so a test can destroy it mid-flight. */
  onRequest?(req: http.ClientRequest): void;
}

export function post(url: string, data: string | Buffer, options: PostOptions = {}): Promise<Response> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: options.method ?? 'POST',
        agent: false,
        headers: { 'Content-Type': 'text/xml; charset=utf-8', ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const parsed = parseXml(text);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text,
            body: parsed.ok ? parsed.root : undefined,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    options.onRequest?.(req);
    req.end(data);
  });
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
}

/** One BOSH session, with rids handled unless a test picks its own. */
export class RawBosh {
  readonly url: string;
  sid = '';
  rid = 1_000_000 + Math.floor(Math.random() * 1_000_000);

  constructor(url: string) {
    this.url = url;
  }

  body(payload = '', extra: Record<string, string | number | undefined> = {}, rid = ++this.rid): string {
    return `<body xmlns="${NS.httpbind}" sid="${this.sid}" rid="${rid}"${attrs(extra)}>${payload}</body>`;
  }

  /** XEP-0206 §3 session request; remembers the sid. */
  async create(extra: Record<string, string | number | undefined> = {}): Promise<Response> {
    const defaults = {
      to: 'localhost',
      'xml:lang': 'en',
      wait: 60,
      hold: 1,
      ver: '1.6',
      'xmlns:xmpp': NS.xbosh,
      'xmpp:version': '1.0',
    };
    const r = await post(
      this.url,
      `<body xmlns="${NS.httpbind}" rid="${this.rid}"${attrs({ ...defaults, ...extra })}/>`,
    );
    this.sid = r.body?.attr('sid') ?? '';
    return r;
  }

  send(
    payload = '',
    extra: Record<string, string | number | undefined> = {},
    options?: PostOptions,
  ): Promise<Response> {
    return post(this.url, this.body(payload, extra), options);
  }

  /** SASL PLAIN, restart, bind, and (unless null) initial presence; returns the bound JID. */
  async login(
    user: string,
    resource = 'desktop',
    presence: string | null = '<presence><priority>0</priority></presence>',
    createAttrs: Record<string, string | number | undefined> = {},
  ) {
    await this.create(createAttrs);
    const auth = await this.send(`<auth xmlns="${NS.sasl}" mechanism="PLAIN">${plain(user, user)}</auth>`);
    if (!auth.body?.getChild('success')) throw new Error(`auth failed: ${auth.text}`);
    await this.send('', { to: 'localhost', 'xmpp:restart': 'true', 'xmlns:xmpp': NS.xbosh });
    const bind = await this.send(
      `<iq xmlns="${NS.client}" type="set" id="bind"><bind xmlns="${NS.bind}"><resource>${resource}</resource></bind></iq>`,
    );
    const jid = bind.body?.getChild('iq')?.getChild('bind')?.getChildText('jid');
    if (!jid) throw new Error(`bind failed: ${bind.text}`);
    if (presence !== null) await this.send(presence.replace('<presence', `<presence xmlns="${NS.client}"`));
    return jid;
  }
}
