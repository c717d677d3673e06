import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientLogBody, dialogActionBody, newDialogBody, userStateBody } from './bodies.ts';

describe('request bodies', () => {
  it('User state changes as finesse-api.md §1.3 shows them', () => {
    assert.equal(
      userStateBody('LOGIN', { extension: '2003' }),
      '<User><state>LOGIN</state><extension>2003</extension></User>',
    );
    assert.equal(
      userStateBody('NOT_READY', { reasonCodeId: '16' }),
      '<User><state>NOT_READY</state><reasonCodeId>16</reasonCodeId></User>',
    );
    assert.equal(userStateBody('READY'), '<User><state>READY</state></User>');
  });

  it('Dialog actions: target, consult number, DTMF parameter, wrap-up reason', () => {
    assert.equal(
      dialogActionBody('HOLD', '2003'),
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>HOLD</requestedAction></Dialog>',
    );
    assert.equal(
      dialogActionBody('CONSULT_CALL', '2003', { toAddress: '3002' }),
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><toAddress>3002</toAddress><requestedAction>CONSULT_CALL</requestedAction></Dialog>',
    );
    assert.equal(
      dialogActionBody('SEND_DTMF', '2003', { dtmfString: '#' }),
      '<Dialog><targetMediaAddress>2003</targetMediaAddress><requestedAction>SEND_DTMF</requestedAction>' +
        '<actionParams><ActionParam><name>dtmfString</name><value>#</value></ActionParam></actionParams></Dialog>',
    );
    assert.equal(
      dialogActionBody('UPDATE_CALL_DATA', '2003', { wrapUpReason: 'Sale & more' }),
      '<Dialog><requestedAction>UPDATE_CALL_DATA</requestedAction><mediaProperties><wrapUpReason>Sale &amp; more</wrapUpReason></mediaProperties></Dialog>',
    );
  });

  it('new dialogs and the client log upload escape what they carry', () => {
    assert.equal(
      newDialogBody('MAKE_CALL', '2003', '8000'),
      '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>2003</fromAddress><toAddress>8000</toAddress></Dialog>',
    );
    assert.equal(
      clientLogBody("<Update> 'x'"),
      '<ClientLog><logData>&lt;Update&gt; &apos;x&apos;</logData></ClientLog>',
    );
  });
});
