import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contactsFromCsv, contactsToCsv, parseCsv } from './contacts-csv.ts';

describe('phone book contacts as CSV (the admin’s Import and Export)', () => {
  it('writes First Name, Last Name, Phone Number, Notes and reads them back, quotes and line breaks included', () => {
    const rows = [
      { firstName: 'Ada', lastName: 'Lovelace', phoneNumber: '5551815', description: 'Math, engines' },
      {
        firstName: 'Grace "Amazing"',
        lastName: 'Hopper',
        phoneNumber: '5551906',
        description: 'line one\nline two',
      },
    ];
    const csv = contactsToCsv(rows);
    assert.equal(csv.split('\r\n')[0], 'First Name,Last Name,Phone Number,Notes');
    assert.match(csv, /"Grace ""Amazing"""/);
    assert.deepEqual(contactsFromCsv(csv), rows);
  });

  it('takes a file without a header line, with a BOM, LF line ends and short records', () => {
    assert.deepEqual(contactsFromCsv('\uFEFFBob,Smith,5550001\nCarol,,5550002,VIP\n\n'), [
      { firstName: 'Bob', lastName: 'Smith', phoneNumber: '5550001', description: '' },
      { firstName: 'Carol', lastName: '', phoneNumber: '5550002', description: 'VIP' },
    ]);
    assert.deepEqual(parseCsv('a,"b,c"\r\n"d""e",f'), [
      ['a', 'b,c'],
      ['d"e', 'f'],
    ]);
  });
});
