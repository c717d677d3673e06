import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, apiSuite } from '../testing/api-fixture.ts';
import { apiErrorOf, xml } from '../testing/xml.ts';

const contact = (first: string, phone: string) =>
  `<Contact><firstName>${first}</firstName><lastName></lastName><phoneNumber>${phone}</phoneNumber><description></description></Contact>`;

describe("a phone book's contacts replaced at once (the admin's Import)", () => {
  const { send } = apiSuite();

  it('PUT /PhoneBook/{id}/Contacts replaces the contacts, all or none', async () => {
    const book = (
      await send(
        'POST',
        '/PhoneBook',
        ADMIN,
        '<PhoneBook><name>Imported</name><type>GLOBAL</type></PhoneBook>',
      )
    ).headers
      .get('location')!
      .split('/')
      .pop();
    await send('POST', `/PhoneBook/${book}/Contact`, ADMIN, contact('Old', '5550000'));
    const put = await send(
      'PUT',
      `/PhoneBook/${book}/Contacts`,
      ADMIN,
      `<Contacts>${contact('Ada', '5551815')}${contact('Bob', '5550001')}</Contacts>`,
    );
    assert.equal(put.status, 200);
    const names = (text: string) =>
      xml(text)
        .getChildren('Contact')
        .map((c) => c.getChildText('firstName'));
    assert.deepEqual(names(await put.text()), ['Ada', 'Bob']);
    // One bad contact: nothing changes.
    const bad = await send(
      'PUT',
      `/PhoneBook/${book}/Contacts`,
      ADMIN,
      `<Contacts>${contact('Cy', '5550002')}${contact('NoNumber', '')}</Contacts>`,
    );
    assert.deepEqual(await apiErrorOf(bad), ['Parameter Missing', 'PARAMETER_MISSING', 'phoneNumber']);
    assert.deepEqual(names(await (await send('GET', `/PhoneBook/${book}/Contacts`)).text()), ['Ada', 'Bob']);
    assert.equal(
      (await send('PUT', `/PhoneBook/${book}/Contacts`, ['2001', '2001'], '<Contacts/>')).status,
      401,
    );
  });
});
