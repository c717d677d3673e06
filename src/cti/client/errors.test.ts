import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ctiStatusName } from '../protocol/index.ts';
import { CTI_REQUEST_ERRORS, CtiRequestError, type CtiRequestErrorCode } from './index.ts';

test('every request error code is documented and carries a named CTI status', () => {
  for (const [code, entry] of Object.entries(CTI_REQUEST_ERRORS)) {
    assert.ok(entry.doc.length > 10, `${code} needs a doc line`);
    const error = new CtiRequestError(code as CtiRequestErrorCode, 'SetAgentStateReq', { invokeId: 1 });
    assert.match(ctiStatusName(error.status), /^E_CTI_/);
    assert.equal(error.code, code);
    assert.ok(error.message.startsWith(`SetAgentStateReq failed: ${code}`));
  }
});

test('a FAILURE_CONF error carries the server status, unsigned and named', () => {
  const error = new CtiRequestError('CTI_FAILURE_CONF', 'SetAgentStateReq', { invokeId: 20, status: 9 });
  assert.equal(error.status, 9);
  assert.equal(error.invokeId, 20);
  assert.match(error.message, /E_CTI_AGENT_NOT_LOGGED_ON/);
});
