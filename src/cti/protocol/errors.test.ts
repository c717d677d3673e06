import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctiStatusName, PROTOCOL_ERRORS } from './index.ts';

test('every protocol error code is documented and maps to a named CTI status', () => {
  for (const [code, entry] of Object.entries(PROTOCOL_ERRORS)) {
    assert.match(code, /^CTI_ERR_[A-Z_]+$/);
    assert.ok(entry.doc.length > 10, `${code} needs a doc line`);
    assert.match(ctiStatusName(entry.status), /^E_CTI_/, `${code} maps to an unnamed status`);
  }
});
