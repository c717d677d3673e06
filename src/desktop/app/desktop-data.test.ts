import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { describeErrors } from './desktop-data.ts';

describe('errors as the desktop words them', () => {
  it('type and message; a peripheral code when CCE gave one; the HTTP status when nothing else', () => {
    assert.equal(
      describeErrors(
        [
          {
            errorType: 'Call Operation Failure',
            errorMessage: 'CF_RESOURCE_OUT_OF_SERVICE',
            errorData: '34',
            peripheralErrorCode: '10125',
          },
          { errorType: 'Invalid State', errorMessage: 'CF_INVALID_OBJECT_STATE', errorData: '22' },
        ],
        400,
      ),
      'Call Operation Failure: CF_RESOURCE_OUT_OF_SERVICE (peripheral error 10125); Invalid State: CF_INVALID_OBJECT_STATE',
    );
    assert.equal(describeErrors([], 0), 'no answer from the server');
    assert.equal(describeErrors([], 503), 'HTTP 503');
  });
});
