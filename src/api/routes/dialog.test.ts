import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { CoreErrors } from '../../core/index.ts';
import type { ApiFixture } from '../testing/api-fixture.ts';
import { describeOnEachStore } from '../testing/each-store.ts';
import { apiErrorOf, assertStandardHeaders, xml } from '../testing/xml.ts';

const minnie: [string, string] = ['2002', '2002'];
const mickey: [string, string] = ['2001', '2001'];
const json = (v: unknown) => JSON.parse(JSON.stringify(v));

describeOnEachStore('Dialog API routes', (suite) => {
  let api: ApiFixture;
  before(() => {
    api = suite.api();
  });

  const put = (id: string, body: string, requestId?: string, auth = minnie) =>
    api.request(`/finesse/api/Dialog/${id}`, {
      method: 'PUT',
      auth,
      headers: { 'Content-Type': 'application/xml', ...(requestId ? { requestId } : {}) },
      body,
    });

  describe('GET Dialog', () => {
    it('returns the dialog with its participants', async () => {
      const res = await api.request('/finesse/api/Dialog/16777217?nocache=1', { auth: minnie });
      assert.equal(res.status, 200);
      assertStandardHeaders(res);
      const d = xml(await res.text());
      assert.equal(d.name, 'Dialog');
      assert.equal(d.getChildText('id'), '16777217');
      assert.equal(d.getChild('participants')?.getChildren('Participant').length, 2);
    });
    it("answers core's 404 for an unknown dialog", async () => {
      const res = await api.request('/finesse/api/Dialog/42', { auth: minnie });
      assert.equal(res.status, 404);
      assert.deepEqual(await apiErrorOf(res), ['Not Found', 'NOT_FOUND', '42']);
    });
  });

  describe('PUT Dialog', () => {
    it('hands the requestedAction to core with the requestId and answers 202', async () => {
      const requestId = 'f0a1-hold';
      const res = await put(
        '16777217',
        '<Dialog><targetMediaAddress>3002</targetMediaAddress><requestedAction>HOLD</requestedAction></Dialog>',
        requestId,
      );
      assert.equal(res.status, 202);
      assertStandardHeaders(res);
      assert.equal(res.headers.get('requestId'), requestId);
      assert.equal(await res.text(), '');
      assert.deepEqual(json(api.core.dialogRequests.at(-1)), {
        actor: '2002',
        target: '16777217',
        request: { requestedAction: 'HOLD', targetMediaAddress: '3002' },
        requestId,
      });
    });

    it('parses toAddress, actionParams and mediaProperties (call variables, wrap-up reason)', async () => {
      await put(
        '16777217',
        '<Dialog><targetMediaAddress>3002</targetMediaAddress><toAddress> 2003 </toAddress>' +
          '<requestedAction>CONSULT_CALL</requestedAction></Dialog>',
      );
      assert.equal(api.core.dialogRequests.at(-1)?.requestId, '');
      assert.deepEqual(json(api.core.dialogRequests.at(-1)?.request), {
        requestedAction: 'CONSULT_CALL',
        targetMediaAddress: '3002',
        toAddress: '2003',
      });
      await put(
        '16777217',
        '<Dialog><targetMediaAddress>3002</targetMediaAddress><requestedAction>SEND_DTMF</requestedAction>' +
          '<actionParams><ActionParam><name>dtmfString</name><value>12#</value></ActionParam></actionParams></Dialog>',
      );
      assert.deepEqual(json(api.core.dialogRequests.at(-1)?.request).actionParams, [
        { name: 'dtmfString', value: '12#' },
      ]);
      await put(
        '16777217',
        '<?xml version="1.0" encoding="UTF-8"?><Dialog><requestedAction>UPDATE_CALL_DATA</requestedAction>' +
          '<mediaProperties><wrapUpReason>Sale</wrapUpReason><callvariables><CallVariable><name>callVariable3</name>' +
          '<value> spaced </value></CallVariable></callvariables></mediaProperties></Dialog>',
      );
      assert.deepEqual(json(api.core.dialogRequests.at(-1)?.request), {
        requestedAction: 'UPDATE_CALL_DATA',
        mediaProperties: {
          wrapUpReason: 'Sale',
          callvariables: [{ name: 'callVariable3', value: ' spaced ' }],
        },
      });
    });

    it('refuses bad bodies with 400 before core sees them', async () => {
      const before = api.core.dialogRequests.length;
      const missing = await put('16777217', '<Dialog><targetMediaAddress>3002</targetMediaAddress></Dialog>');
      assert.equal(missing.status, 400);
      assert.deepEqual(await apiErrorOf(missing), [
        'Parameter Missing',
        'PARAMETER_MISSING',
        'requestedAction',
      ]);
      const wrongRoot = await put('16777217', '<User><requestedAction>HOLD</requestedAction></User>');
      assert.equal((await apiErrorOf(wrongRoot))[0], 'Invalid Input');
      const malformed = await put('16777217', '<Dialog><requestedAction>HOLD</Dialog>');
      assert.equal(malformed.status, 400);
      assert.equal(api.core.dialogRequests.length, before);
    });

    it("answers core's refusal synchronously, requestId echoed", async () => {
      api.core.refuseNextDialog = CoreErrors.invalidState(
        'HOLD is not allowed while the participant is HELD',
        'HELD',
      );
      const res = await put(
        '16777217',
        '<Dialog><targetMediaAddress>3002</targetMediaAddress><requestedAction>HOLD</requestedAction></Dialog>',
        'r-refused',
      );
      assert.equal(res.status, 400);
      assert.equal(res.headers.get('requestId'), 'r-refused');
      assert.deepEqual(await apiErrorOf(res), [
        'Invalid State',
        'HOLD is not allowed while the participant is HELD',
        'HELD',
      ]);
    });

    it('needs credentials', async () => {
      const res = await api.request('/finesse/api/Dialog/16777217', { method: 'PUT', body: '<Dialog/>' });
      assert.equal(res.status, 401);
    });
  });

  describe('POST User Dialogs', () => {
    it('hands MAKE_CALL to core for the user itself', async () => {
      const res = await api.request('/finesse/api/User/2001/Dialogs', {
        method: 'POST',
        auth: mickey,
        headers: { requestId: 'r-make' },
        body:
          '<Dialog><requestedAction>MAKE_CALL</requestedAction><fromAddress>2003</fromAddress>' +
          '<toAddress>5550100</toAddress></Dialog>',
      });
      assert.equal(res.status, 202);
      assert.equal(res.headers.get('requestId'), 'r-make');
      assert.deepEqual(json(api.core.dialogRequests.at(-1)), {
        actor: '2001',
        target: '2001',
        request: { requestedAction: 'MAKE_CALL', fromAddress: '2003', toAddress: '5550100' },
        requestId: 'r-make',
      });
    });

    it("refuses another agent's Dialogs", async () => {
      const res = await api.request('/finesse/api/User/2002/Dialogs', {
        method: 'POST',
        auth: mickey,
        body: '<Dialog><requestedAction>MAKE_CALL</requestedAction><toAddress>5550100</toAddress></Dialog>',
      });
      assert.equal(res.status, 401);
      assert.equal((await apiErrorOf(res))[0], 'Invalid Authorization User Specified');
    });
  });

  it('logs API_REQUEST with the requestId and the request parameters', async () => {
    await put(
      '16777217',
      '<Dialog><targetMediaAddress>3002</targetMediaAddress><requestedAction>RETRIEVE</requestedAction></Dialog>',
      'r-logged',
    );
    const { webservices } = await api.readLogs();
    assert.match(
      webservices,
      /-API_REQUEST: %\[REQUEST_URL=Dialog\/16777217\]\[agent_id=2002\]\[request_identifier=r-logged\]\[request_method=dialog\.PUT\]\[request_parameters= requestedAction:RETRIEVE targetMediaAddress:3002\]/,
    );
    // The three lines of one request share its thread name.
    const thread = /%CCBU_(http-[\d-]+)-6-API_REQUEST: [^\n]*request_identifier=r-logged/.exec(
      webservices,
    )?.[1];
    assert.ok(thread);
    assert.match(
      webservices,
      new RegExp(`${thread}-6-REQUEST_START: %\\[method_name=PUT\\][^\\n]*/Dialog/16777217`),
    );
    assert.match(webservices, new RegExp(`${thread}-6-REQUEST_END: %\\[elapsed_time=\\d+\\]`));
  });
});
