/**
 * The load client's HTTP: one keep-alive socket, one request at a time, written as a string and
 * read back with just enough parsing for a BOSH answer (status line, Content-Length or chunked).
 * node:http's client costs several times more per request, and at 10,000 deliveries/s the load
 * process would then be what the figures measure, not the server.
 */
import net from 'node:net';

export class RawHttp {
  readonly #socket: net.Socket;
  readonly #head: string;
  #buffer: Buffer = Buffer.alloc(0);
  #pending: { resolve(body: string): void; reject(err: Error): void } | undefined;
  #closed: Error | undefined;

  constructor(host: string, port: number, path: string) {
    this.#head = `POST ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nContent-Type: text/xml; charset=utf-8\r\nContent-Length: `;
    this.#socket = net.connect({ host, port, noDelay: true });
    this.#socket.on('data', (chunk: Buffer) => {
      this.#buffer = this.#buffer.length === 0 ? chunk : Buffer.concat([this.#buffer, chunk]);
      this.#parse();
    });
    const fail = (err: Error) => {
      this.#closed ??= err;
      const p = this.#pending;
      this.#pending = undefined;
      p?.reject(err);
    };
    this.#socket.on('error', fail);
    this.#socket.on('close', () => fail(new Error('connection closed')));
  }

  post(body: string): Promise<string> {
    if (this.#closed) return Promise.reject(this.#closed);
    if (this.#pending) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.#pending = { resolve, reject };
      this.#socket.write(`${this.#head}${Buffer.byteLength(body)}\r\n\r\n${body}`);
    });
  }

  close(): void {
    this.#socket.destroy();
  }

  #parse(): void {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const head = this.#buffer.toString('latin1', 0, end);
    const status = Number(head.slice(9, 12));
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    let body: string;
    let consumed: number;
    if (length) {
      consumed = end + 4 + Number(length[1]);
      if (this.#buffer.length < consumed) return;
      body = this.#buffer.toString('utf8', end + 4, consumed);
    } else if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
      const parts: Buffer[] = [];
      let at = end + 4;
      for (;;) {
        const eol = this.#buffer.indexOf('\r\n', at);
        if (eol < 0) return;
        const size = Number.parseInt(this.#buffer.toString('latin1', at, eol), 16);
        if (this.#buffer.length < eol + 2 + size + 2) return;
        if (size === 0) {
          consumed = eol + 4;
          break;
        }
        parts.push(this.#buffer.subarray(eol + 2, eol + 2 + size));
        at = eol + 2 + size + 2;
      }
      body = Buffer.concat(parts).toString('utf8');
    } else {
      this.#socket.destroy(new Error(`no length in ${head}`));
      return;
    }
    this.#buffer = this.#buffer.subarray(consumed);
    const p = this.#pending;
    this.#pending = undefined;
    if (status !== 200) p?.reject(new Error(`HTTP ${status}: ${body}`));
    else p?.resolve(body);
  }
}
