import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BOSH_CONDITIONS,
  buildStanzaError,
  buildStreamError,
  SASL_FAILURES,
  STANZA_ERRORS,
  STREAM_ERRORS,
} from './errors.ts';
import { NS } from './namespaces.ts';

describe('error registry', () => {
  it('documents every code', () => {
    for (const [code, spec] of Object.entries(STANZA_ERRORS)) assert.ok(spec.doc.length > 10, code);
    for (const [code, doc] of [...Object.entries(STREAM_ERRORS), ...Object.entries(SASL_FAILURES)]) {
      assert.ok(doc.length > 10, code);
    }
    for (const [code, spec] of Object.entries(BOSH_CONDITIONS))
      assert.ok(spec.doc.length > 10 && spec.legacyStatus >= 400, code);
  });

  it('builds stanza errors with the pubsub application condition', () => {
    assert.equal(
      buildStanzaError('invalid-jid').toString(),
      `<error type="modify"><bad-request xmlns="${NS.stanzas}"/><invalid-jid xmlns="${NS.pubsubErrors}"/></error>`,
    );
    assert.equal(
      buildStanzaError('pubsub-unsupported', 'purge-nodes').toString(),
      `<error type="cancel"><feature-not-implemented xmlns="${NS.stanzas}"/><unsupported xmlns="${NS.pubsubErrors}" feature="purge-nodes"/></error>`,
    );
  });

  it('builds stream errors, optionally declaring the stream prefix', () => {
    assert.equal(
      buildStreamError('conflict').toString(),
      `<stream:error><conflict xmlns="${NS.streams}"/></stream:error>`,
    );
    assert.match(
      buildStreamError('conflict', 'replaced', true).toString(),
      /^<stream:error xmlns:stream="http:\/\/etherx\.jabber\.org\/streams">.*<text xmlns="[^"]+">replaced<\/text>/,
    );
  });
});
