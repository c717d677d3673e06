import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Admin, buildBody, fieldErrorsOf } from './admin.ts';
import { resourceByKey } from './admin-resources.ts';
import type { RestClient, RestResponse } from './client/rest.ts';

describe('admin forms and the config API', () => {
  it('builds config bodies: checkboxes as true/false, lists as items, empty passwords left out', () => {
    const users = resourceByKey('users');
    assert.equal(
      buildBody(users, {
        loginId: '2020',
        loginName: 'pluto',
        firstName: 'Pluto',
        lastName: '',
        password: '',
        roles: 'Agent, Supervisor',
        teamId: '5000',
        teams: '5000',
      }),
      '<User><loginId>2020</loginId><loginName>pluto</loginName><firstName>Pluto</firstName><lastName></lastName>' +
        '<roles><role>Agent</role><role>Supervisor</role></roles><teamId>5000</teamId><teams><Team><id>5000</id></Team></teams></User>',
    );
    assert.equal(
      buildBody(resourceByKey('reasoncodes'), {
        category: 'NOT_READY',
        code: '7',
        label: 'Tea & biscuits',
        forAll: 'false',
      }),
      '<ReasonCode><category>NOT_READY</category><code>7</code><label>Tea &amp; biscuits</label><forAll>false</forAll></ReasonCode>',
    );
  });

  it('puts an ApiError next to the field its ErrorData names, and the rest on the form', () => {
    const spec = resourceByKey('reasoncodes');
    assert.deepEqual(
      fieldErrorsOf(spec, [
        { errorType: 'Invalid Input', errorMessage: 'INVALID_INPUT', errorData: 'code' },
        {
          errorType: 'Duplicate',
          errorMessage: 'A reason code with this label already exists',
          errorData: 'Label',
        },
        { errorType: 'Invalid Input', errorMessage: 'INVALID_INPUT', errorData: 'code' },
        { errorType: 'Generic Error', errorMessage: 'RUNTIME_EXCEPTION', errorData: '' },
      ]),
      {
        fields: { code: 'Invalid Input', label: 'A reason code with this label already exists' },
        form: 'Invalid Input: INVALID_INPUT; Generic Error: RUNTIME_EXCEPTION',
      },
    );
  });
});

describe('admin lists', () => {
  it('a list that answers late (the page before, or a load overtaken by a reload) never replaces a newer one', async () => {
    const pending: ((r: RestResponse) => void)[] = [];
    const rest = {
      get: () => new Promise<RestResponse>((resolve) => pending.push(resolve)),
    } as unknown as RestClient;
    const admin = new Admin(rest, () => {});
    const answer = (status: number): RestResponse => ({
      status,
      ok: false,
      text: '',
      root: undefined,
      requestId: undefined,
      errors: [],
    });
    const first = admin.open('reasoncodes');
    const second = admin.open('desksettings');
    pending[1](answer(404));
    await second;
    assert.deepEqual(
      [admin.state.resource, admin.state.unavailable, admin.state.message],
      ['desksettings', true, ''],
    );
    // The reason codes' list comes back now: it is not the desk settings' page.
    pending[0](answer(500));
    await first;
    assert.deepEqual(
      [admin.state.resource, admin.state.unavailable, admin.state.message],
      ['desksettings', true, ''],
    );
    // On one page: the load before a save's reload answers after it.
    const load = admin.refresh();
    const reload = admin.refresh();
    pending[3](answer(404));
    await reload;
    pending[2](answer(500));
    await load;
    assert.equal(admin.state.message, '', 'the older answer was dropped');
  });
});
