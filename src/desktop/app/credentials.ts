/**
 * What the desktop signs in with, after the first check of the password: a session token
 * (src/auth/session-token.ts) that every node of a cluster accepts, as `Authorization: Bearer`
 * on REST and as SASL OAUTHBEARER on XMPP. A failover or a reload then costs the server an HMAC,
 * not a password hash. The token is renewed at half its lifetime and on each reconnect (which
 * also checks that the node reached accepts it: a node with its own database does not, and then
 * the password typed at sign-in, kept in memory only, gets a token there). A reload resumes with
 * the token alone; the password is never stored. Nodes that issue no tokens get the password, as
 * Finesse's desktops always did.
 */
import type { RestClient } from './client/rest.ts';

export interface XmppSecret {
  password: string;
  isToken: boolean;
}

export interface DesktopCredentialsOptions {
  rest: RestClient;
  log: { log(component: string, text: string): void };
  /** A token was issued or renewed (for a reload to resume with it). */
  onToken?: (token: string) => void;
}

export class DesktopCredentials {
  readonly #o: DesktopCredentialsOptions;
  #loginId = '';
  #password: string | undefined;
  #token: string | undefined;
  #renewTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: DesktopCredentialsOptions) {
    this.#o = options;
  }

  /** Before anything is verified: REST goes with what the user gave. */
  begin(id: string, secret: { password: string } | { token: string }): void {
    this.stop();
    this.#loginId = id;
    this.#password = 'password' in secret ? secret.password : undefined;
    this.#token = 'token' in secret ? secret.token : undefined;
    this.#useOnRest();
  }

  /**
   * Once the login id is known: a token from the node (the password checked once, or the resumed
   * token renewed). Throws 'Invalid ID or password' on a 401.
   */
  async establish(loginId: string): Promise<XmppSecret> {
    this.#loginId = loginId;
    if (this.#password !== undefined && this.#token === undefined)
      this.#o.rest.setCredentials(loginId, this.#password);
    const issued = await this.#issue();
    if (issued === 'refused') throw new Error('Invalid ID or password');
    return this.xmpp;
  }

  /** For a reconnect, on whichever node the REST client now points at. */
  async refresh(): Promise<XmppSecret> {
    if (this.#token === undefined) return this.xmpp;
    if ((await this.#issue()) === 'refused' && this.#password !== undefined) {
      this.#o.log.log('SignIn', 'This node does not accept the session token: signing in with the password');
      this.#token = undefined;
      this.#useOnRest();
      await this.#issue();
    }
    return this.xmpp;
  }

  get xmpp(): XmppSecret {
    return this.#token !== undefined
      ? { password: this.#token, isToken: true }
      : { password: this.#password ?? '', isToken: false };
  }

  stop(): void {
    clearTimeout(this.#renewTimer);
  }

  #useOnRest(): void {
    if (this.#token !== undefined) this.#o.rest.setToken(this.#token);
    else this.#o.rest.setCredentials(this.#loginId, this.#password ?? '');
  }

  /** `POST /SessionToken` with what REST carries now; renewed again at half its lifetime. */
  async #issue(): Promise<'issued' | 'refused' | 'unavailable'> {
    const res = await this.#o.rest.send('POST', '/finesse/api/SessionToken');
    if (res.status === 401) return 'refused';
    const token = res.root?.getElementsByTagName('token')[0]?.textContent ?? '';
    const expiresAt = Date.parse(res.root?.getElementsByTagName('expiresAt')[0]?.textContent ?? '');
    if (!res.ok || !token || Number.isNaN(expiresAt)) {
      this.#o.log.log('SignIn', `No session token (HTTP ${res.status}): going on with what was given`);
      return 'unavailable';
    }
    this.#token = token;
    this.#useOnRest();
    this.#o.log.log('SignIn', `Session token issued until ${new Date(expiresAt).toISOString()}`);
    this.#o.onToken?.(token);
    clearTimeout(this.#renewTimer);
    const halfLife = Math.max(1000, (expiresAt - Date.now()) / 2);
    this.#renewTimer = setTimeout(() => void this.#issue().catch(() => {}), halfLife);
    return 'issued';
  }
}
