import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CoreErrors } from '../../core/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { inboundDialog } from '../testing/dialog-fixture.ts';
import { xml } from '../testing/xml.ts';
import { renderDialog, renderDialogs } from './dialogs.ts';
import { renderUpdate } from './update.ts';

const names = (e: XmlElement | undefined) => e?.elements().map((c) => c.name);

describe('Dialog serializer', () => {
  it('writes the documented element order (finesse-api.md §1.4)', () => {
    const d = xml(renderDialog(inboundDialog()));
    assert.equal(d.name, 'Dialog');
    assert.deepEqual(names(d), [
      'associatedDialogUri',
      'id',
      'secondaryId',
      'mediaType',
      'fromAddress',
      'toAddress',
      'mediaProperties',
      'participants',
      'state',
      'uri',
    ]);
    assert.deepEqual(names(d.getChild('mediaProperties')), [
      'mediaId',
      'dialedNumber',
      'callType',
      'DNIS',
      'queueNumber',
      'queueName',
      'callKeyCallId',
      'callKeySequenceNum',
      'callKeyPrefix',
      'wrapUpReason',
      'callvariables',
    ]);
    const participant = d.getChild('participants')?.getChildren('Participant')[1];
    assert.deepEqual(names(participant), [
      'actions',
      'mediaAddress',
      'mediaAddressType',
      'startTime',
      'state',
      'stateCause',
      'stateChangeTime',
    ]);
    assert.deepEqual(
      participant
        ?.getChild('actions')
        ?.getChildren('action')
        .map((a) => a.text()),
      ['TRANSFER_SST', 'CONSULT_CALL', 'HOLD', 'UPDATE_CALL_DATA', 'SEND_DTMF', 'DROP'],
    );
    assert.equal(d.getChildText('mediaType'), 'Voice');
    assert.equal(d.getChildText('uri'), '/finesse/api/Dialog/16777217');
  });

  it('writes empty values open and closed, and escapes call variables', () => {
    const text = renderDialog(inboundDialog());
    assert.match(text, /^<Dialog><associatedDialogUri><\/associatedDialogUri><id>16777217<\/id>/);
    assert.match(text, /<stateCause><\/stateCause>/);
    assert.match(
      text,
      /<CallVariable><name>user\.lang<\/name><value>de &amp; &lt;fr&gt;<\/value><\/CallVariable>/,
    );
    assert.match(text, /<Participant><actions\/><mediaAddress>5551234<\/mediaAddress>/);
  });

  it('lists as <Dialogs><Dialog>…', () => {
    const list = xml(renderDialogs([inboundDialog('1'), inboundDialog('2')]));
    assert.deepEqual(
      list.getChildren('Dialog').map((d) => d.getChildText('id')),
      ['1', '2'],
    );
  });
});

describe('Dialogs node updates (finesse-api.md §3.2)', () => {
  it('POST and DELETE carry <dialogs><Dialog> from the Dialogs node, PUT <dialog> from the dialog', () => {
    const dialog = inboundDialog();
    const post = xml(
      renderUpdate({
        data: { kind: 'dialogs', dialogs: [dialog] },
        event: 'POST',
        requestId: '',
        source: '/finesse/api/User/2002/Dialogs',
      }),
    );
    assert.deepEqual(names(post), ['data', 'event', 'requestId', 'source']);
    assert.equal(
      post.getChild('data')?.getChild('dialogs')?.getChild('Dialog')?.getChildText('id'),
      '16777217',
    );
    assert.equal(post.getChildText('event'), 'POST');

    const put = xml(
      renderUpdate({ data: { kind: 'dialog', dialog }, event: 'PUT', requestId: 'r-1', source: dialog.uri }),
    );
    assert.equal(put.getChild('data')?.getChild('dialog')?.getChildText('state'), 'ACTIVE');
    assert.equal(put.getChildText('requestId'), 'r-1');
    assert.equal(put.getChildText('source'), '/finesse/api/Dialog/16777217');
  });

  it('a Call Operation Failure is the Dialog CTI Error Notification: the developer guide 12.5 sample verbatim', () => {
    // "Sample Notification Payload" of "Dialog CTI Error Notification" (whitespace removed).
    const SAMPLE =
      '<Update><data><apiErrors><apiError><errorData>34</errorData><errorMessage>CF_RESOURCE_OUT_OF_SERVICE</errorMessage>' +
      '<errorType>Call Operation Failure</errorType></apiError></apiErrors></data><event>PUT</event><requestId></requestId>' +
      '<source>/finesse/api/Dialog/12345</source></Update>';
    const u = renderUpdate({
      data: {
        kind: 'apiErrors',
        errors: [CoreErrors.callOperationFailure({ status: 17, failureCode: 34 })],
        of: 'dialog',
      },
      event: 'PUT',
      requestId: '',
      source: '/finesse/api/Dialog/12345',
    });
    assert.equal(u, SAMPLE);
    // A User node's asynchronous error keeps Finesse 12.x's captured layout.
    const user = xml(
      renderUpdate({
        data: { kind: 'apiErrors', errors: [CoreErrors.ctiFailure(22)] },
        event: 'PUT',
        requestId: 'r-2',
        source: '/finesse/api/User/2001',
      }),
    );
    assert.deepEqual(names(user), ['data', 'requestId', 'source', 'event']);
    assert.equal(user.getChildText('event'), 'put');
  });
});
