import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checkCallVariables, type EccVariable } from './call-variables.ts';
import { planMakeCall } from './plan.ts';

const ECC: EccVariable[] = [
  { name: 'user.microapp.locale', length: 5 },
  { name: 'user.items[3]', length: 10 },
];
const refusal = (r: ReturnType<typeof checkCallVariables>) =>
  r.ok ? undefined : [r.error.status, r.error.errorType, r.error.errorData];

// Developer guide 12.5, Dialog—Update Call Variable Data, "Asynchronous Errors" (answered at once here).
describe('call variables and ECC variables as the developer guide 12.5 checks them', () => {
  it('"longer than what is either allowed or configured as the maximum length for that variable": Invalid Input', () => {
    assert.deepEqual(refusal(checkCallVariables([{ name: 'callVariable1', value: 'x'.repeat(41) }], ECC)), [
      400,
      'Invalid Input',
      'callVariable1',
    ]);
    assert.deepEqual(refusal(checkCallVariables([{ name: 'user.microapp.locale', value: 'en_USA' }], ECC)), [
      400,
      'Invalid Input',
      'user.microapp.locale',
    ]);
    assert.equal(checkCallVariables([{ name: 'user.microapp.locale', value: 'en_US' }], ECC).ok, true);
  });

  it('"configured as a scalar is set as an array", "configured as an array is set as a scalar", "an index greater than what is configured"', () => {
    for (const name of ['user.microapp.locale[0]', 'user.items', 'user.items[3]', 'user.unknown'])
      assert.equal(refusal(checkCallVariables([{ name, value: 'v' }], ECC))?.[1], 'Invalid Input', name);
    assert.equal(checkCallVariables([{ name: 'user.items[2]', value: 'v' }], ECC).ok, true);
  });

  it('refuses BA* outbound variables and odd names; with no ECC variables configured any user. name is taken', () => {
    for (const name of ['BAResponse', 'callVariable11', 'user.'])
      assert.equal(refusal(checkCallVariables([{ name, value: 'v' }], []))?.[1], 'Invalid Input', name);
    assert.equal(checkCallVariables([{ name: 'user.anything', value: 'v' }], []).ok, true);
  });

  it('MAKE_CALL puts the checked call variables into the CTI request (MAKE_CALL_REQ floating fields)', () => {
    const planned = planMakeCall(
      { extension: '2003', state: 'NOT_READY' },
      {
        toAddress: '5550100',
        mediaProperties: {
          callvariables: [
            { name: 'callVariable2', value: 'ticket 7' },
            { name: ' user.items[0]', value: 'tea' },
          ],
        },
      },
      ECC,
    );
    assert.ok(planned.ok);
    assert.deepEqual(planned.value.cti, {
      method: 'makeCall',
      args: {
        instrument: '2003',
        dialedNumber: '5550100',
        callVariables: [
          { name: 'callVariable2', value: 'ticket 7' },
          { name: 'user.items[0]', value: 'tea' },
        ],
      },
    });
    const refused = planMakeCall(
      { extension: '2003', state: 'NOT_READY' },
      { toAddress: '5550100', mediaProperties: { callvariables: [{ name: 'user.items', value: 'x' }] } },
      ECC,
    );
    assert.equal(!refused.ok && refused.error.errorType, 'Invalid Input');
  });
});
