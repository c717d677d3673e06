import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { el, escapeText, parseXml, StreamParser, type XmlElement } from './index.ts';

describe('parseXml', () => {
  it('resolves namespaces whatever the prefix', () => {
    const r = parseXml("<a xmlns='urn:x' xmlns:p='urn:p'><p:b>hi</p:b><c/></a>");
    assert.ok(r.ok);
    assert.equal(r.root.getChild('b', 'urn:p')?.text(), 'hi');
    assert.equal(r.root.getChild('c', 'urn:x')?.name, 'c');
    assert.equal(r.root.getChild('b', 'urn:x'), undefined);
  });

  it('refuses DTDs, bad characters, broken markup and oversize documents without throwing', () => {
    for (const bad of [
      '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>',
      '<a>\u0001</a>',
      '<a><b></a>',
      '<a>&undefined;</a>',
      '',
      'plain text',
      '<a/><b/>',
      '<?pi x?><a/>',
    ]) {
      const r = parseXml(bad);
      assert.equal(r.ok, false, bad);
    }
    assert.equal(parseXml('<a>' + 'x'.repeat(100) + '</a>', { maxLength: 50 }).ok, false);
  });

  it('refuses elements nested deeper than its bound, without a stack overflow (#12)', () => {
    const deep = (n: number) => `${'<a>'.repeat(n)}${'</a>'.repeat(n)}`;
    assert.equal(parseXml(deep(100)).ok, true);
    const r = parseXml(deep(5000));
    assert.deepEqual(r.ok ? 'parsed' : r.error, 'elements nested deeper than 100 levels');
  });

  it('accepts an XML declaration', () => {
    assert.ok(parseXml('<?xml version="1.0" encoding="UTF-8"?><User><state>READY</state></User>').ok);
  });
});

describe('serialize', () => {
  it('escapes text and attributes and strips characters XML 1.0 forbids', () => {
    const x = el('a', { q: `"'<&` }, 'x<y & z\u0002');
    assert.equal(x.toString(), '<a q="&quot;&apos;&lt;&amp;">x&lt;y &amp; z</a>');
    assert.equal(escapeText('\uD800ok'), 'ok');
  });
});

describe('StreamParser', () => {
  const stream =
    "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='d'>" +
    "<iq type='get' id='1'><ping xmlns='urn:xmpp:ping'/></iq> <presence/></stream:stream>";

  function run(chunks: string[], max?: number) {
    const events: string[] = [];
    const stanzas: XmlElement[] = [];
    const p = new StreamParser(
      {
        streamStart: (r) => events.push('start:' + r.attr('to')),
        stanza: (s) => {
          stanzas.push(s);
          events.push('stanza:' + s.name);
        },
        streamEnd: () => events.push('end'),
        error: (_message, c) => events.push('error:' + c),
      },
      { maxStanzaLength: max },
    );
    for (const c of chunks) p.write(c);
    return { events, stanzas };
  }

  it('emits stanzas at every split point', () => {
    for (let i = 1; i < stream.length; i++) {
      const { events, stanzas } = run([stream.slice(0, i), stream.slice(i)]);
      assert.deepEqual(events, ['start:d', 'stanza:iq', 'stanza:presence', 'end'], `split at ${i}`);
      assert.equal(stanzas[0].getChild('ping', 'urn:xmpp:ping')?.name, 'ping');
      assert.equal(stanzas[0].ns, 'jabber:client');
    }
  });

  it('reports oversize stanzas as policy-violation', () => {
    const open = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    const { events } = run([open, '<message><body>', 'x'.repeat(2000), 'y'.repeat(2000)], 1000);
    assert.deepEqual(events, ['start:undefined', 'error:policy-violation']);
  });

  it('reports a stanza nested 5,000 levels deep as policy-violation, and 100 levels as fine (#12)', () => {
    const open = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    const deep = (n: number) => `<message>${'<a>'.repeat(n - 1)}${'</a>'.repeat(n - 1)}</message>`;
    assert.deepEqual(run([open, deep(100)]).events, ['start:undefined', 'stanza:message']);
    assert.deepEqual(run([open, deep(5000)]).events, ['start:undefined', 'error:policy-violation']);
  });

  it('reports malformed XML once and then ignores input', () => {
    const open = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    const { events } = run([open, '<a></b>', '<c/>']);
    assert.deepEqual(events, ['start:undefined', 'error:not-well-formed']);
  });

  it('survives random input', () => {
    let seed = 42;
    const rnd = () => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed;
    };
    const alphabet = '<>/=\'"&;:abc xmlns \u0001\uFFFF';
    for (let n = 0; n < 500; n++) {
      let s = '';
      for (let i = 0; i < 60; i++) s += alphabet[rnd() % alphabet.length];
      run(["<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>", s]);
      parseXml(s);
    }
  });
});
