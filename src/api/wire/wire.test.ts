import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ApiError, ReasonCode, SystemInfo, User } from '../../core/index.ts';
import type { XmlElement } from '../../xml/index.ts';
import { shape, xml } from '../testing/xml.ts';
import {
  renderApiErrors,
  renderApiErrorsCamel,
  renderDialogs,
  renderReasonCodes,
  renderSystemInfo,
  renderUpdate,
  renderUser,
} from './index.ts';
import { renderTeamUsers } from './team.ts';

// Seed 000, XMPP_PUBLISH_ASYNCHRONOUS after the LOGIN (one line in the webservices log).
const SEED_UPDATE =
  '<Update><data><user><dialogs>/finesse/api/User/2001/Dialogs</dialogs><extension>2003</extension>' +
  '<firstName>Mickey</firstName><lastName>Mouse</lastName><loginId>2001</loginId><loginName>mmouse</loginName>' +
  '<reasonCodeId>-1</reasonCodeId><roles><role>Agent</role></roles><state>NOT_READY</state>' +
  '<stateChangeTime>2013-04-23T22:40:08Z</stateChangeTime><teamId>5000</teamId><teamName>Minnies_Team</teamName>' +
  '<uri>/finesse/api/User/2001</uri></user></data><event>PUT</event>' +
  '<requestId>6e210ca9-5786-43bc-babf-64a397a6057f</requestId><source>/finesse/api/User/2001</source></Update>';

// Seed 000, the body of GET /finesse/api/User/2001 before sign-in (Finesse 9.1, no reasonCodeId).
const SEED_GET_USER = `<User>
<dialogs>/finesse/api/User/2001/Dialogs</dialogs>
<extension></extension>
<firstName>Mickey</firstName>
<lastName>Mouse</lastName>
<loginId>2001</loginId>
<loginName>mmouse</loginName>
<roles>
<role>Agent</role>
</roles>
<state>LOGOUT</state>
<stateChangeTime></stateChangeTime>
<teamId>5000</teamId>
<teamName>Minnies_Team</teamName>
<uri>/finesse/api/User/2001</uri>
</User>`;

// Finesse 12.x `<user>` child order (pokornyIt/finesse-api XMPP/not-ready.xml, a supervisor).
const FINESSE_12_USER_ORDER = [
  'dialogs',
  'extension',
  'firstName',
  'lastName',
  'loginId',
  'loginName',
  'mediaType',
  'pendingState',
  'reasonCodeId',
  'roles',
  'settings',
  // Not in the capture; the doc's User lists it, and alphabetical order puts it here.
  'skillTargetId',
  'state',
  'stateChangeTime',
  'teamId',
  'teamName',
  'teams',
  'uri',
  'wrapUpTimer',
];

const mickey: User = {
  id: '2001',
  loginName: 'mmouse',
  firstName: 'Mickey',
  lastName: 'Mouse',
  roles: ['Agent'],
  teamId: '5000',
  teamName: 'Minnies_Team',
  supervisedTeams: [],
  state: 'LOGOUT',
  stateChangeTime: '',
  reasonCodeId: -1,
  pendingState: '',
  extension: '',
};

describe('User serializer', () => {
  it("reproduces the seed's XMPP Update verbatim", () => {
    const user: User = {
      ...mickey,
      state: 'NOT_READY',
      extension: '2003',
      stateChangeTime: '2013-04-23T22:40:08Z',
    };
    const update = renderUpdate({
      data: { kind: 'user', user },
      event: 'PUT',
      requestId: '6e210ca9-5786-43bc-babf-64a397a6057f',
      source: '/finesse/api/User/2001',
    });
    assert.equal(update, SEED_UPDATE);
  });

  it("matches the seed's GET User structurally, plus reasonCodeId, with open/close empty elements", () => {
    const ours = renderUser(mickey);
    assert.match(ours, /<extension><\/extension>/);
    assert.match(ours, /<stateChangeTime><\/stateChangeTime>/);
    const [name, kids] = shape(xml(ours)) as [string, unknown[]];
    const [seedName, seedKids] = shape(xml(SEED_GET_USER)) as [string, unknown[]];
    assert.equal(name, seedName);
    const withoutReason = kids.filter((k) => (k as [string])[0] !== 'reasonCodeId');
    assert.deepEqual(withoutReason, seedKids);
    assert.deepEqual(
      kids.find((k) => (k as [string])[0] === 'reasonCodeId'),
      ['reasonCodeId', '-1'],
    );
  });

  it('orders a supervisor with a pending state and a reason code as Finesse 12.x does', () => {
    const reasonCode: ReasonCode = {
      id: 16,
      category: 'NOT_READY',
      code: 3,
      label: 'Meeting & <Lunch>',
      forAll: true,
      systemCode: false,
    };
    const walt: User = {
      ...mickey,
      id: '2010',
      roles: ['Agent', 'Supervisor'],
      supervisedTeams: [{ id: '5000', name: 'Minnies_Team' }],
      state: 'TALKING',
      pendingState: 'NOT_READY',
      reasonCode,
      reasonCodeId: 16,
      mediaType: '1',
      settings: { wrapUpOnIncoming: 'OPTIONAL', wrapUpOnOutgoing: 'REQUIRED' },
      skillTargetId: '5102',
      wrapUpTimer: 7200,
    };
    const user = xml(renderUser(walt, 'user'));
    // The developer guide's User notification sample: <settings><wrapUpOnIncoming/><wrapUpOnOutgoing/>.
    assert.deepEqual(shape(user.getChild('settings') as XmlElement), [
      'settings',
      [
        ['wrapUpOnIncoming', 'OPTIONAL'],
        ['wrapUpOnOutgoing', 'REQUIRED'],
      ],
    ]);
    assert.deepEqual(
      ['mediaType', 'skillTargetId', 'wrapUpTimer'].map((n) => user.getChildText(n)),
      ['1', '5102', '7200'],
    );
    for (const n of FINESSE_12_USER_ORDER.filter((x) => x !== 'teams' || walt.supervisedTeams.length))
      assert.ok(user.getChild(n), `${n} is there`);
    assert.equal(user.name, 'user');
    const names = user.elements().map((e) => e.name);
    const known = names.filter((n) => n !== 'reasonCode');
    assert.deepEqual(
      known,
      FINESSE_12_USER_ORDER.filter((n) => known.includes(n)),
    );
    assert.deepEqual(
      names,
      [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)),
    );
    assert.equal(user.getChildText('pendingState'), 'NOT_READY');
    assert.equal(user.getChild('reasonCode')?.getChildText('label'), 'Meeting & <Lunch>');
    assert.deepEqual(shape(user.getChild('teams') as XmlElement), [
      'teams',
      [
        [
          'Team',
          [
            ['id', '5000'],
            ['name', 'Minnies_Team'],
            ['uri', '/finesse/api/Team/5000'],
          ],
        ],
      ],
    ]);
    assert.deepEqual(
      user
        .getChild('roles')
        ?.getChildren('role')
        .map((r) => r.text()),
      ['Agent', 'Supervisor'],
    );
  });
});

describe('Team node', () => {
  it('carries the member as GET Team lists it (Team Notification: "Summary version of the User object")', () => {
    const user: User = {
      ...mickey,
      state: 'READY',
      extension: '2003',
      settings: { wrapUpOnIncoming: 'OPTIONAL', wrapUpOnOutgoing: 'NOT_ALLOWED' },
    };
    const update = xml(
      renderUpdate({
        data: { kind: 'teamUser', user },
        event: 'PUT',
        requestId: '',
        source: '/finesse/api/User/2001',
      }),
    );
    const summary = update.getChild('data')?.getChild('user') as XmlElement;
    const listed = xml(renderTeamUsers([user])).getChild('User') as XmlElement;
    assert.deepEqual((shape(summary) as [string, unknown])[1], (shape(listed) as [string, unknown])[1]);
    assert.equal(summary.getChild('settings'), undefined, 'a summary, not the full User');
  });
});

describe('other serializers', () => {
  const errors: ApiError[] = [
    { status: 401, errorType: 'Authentication Failure', errorMessage: 'UNAUTHORIZED', errorData: 'jsmith' },
  ];

  it('ApiErrors: PascalCase for HTTP, camelCase for notifications', () => {
    assert.equal(
      renderApiErrors(errors),
      '<ApiErrors><ApiError><ErrorType>Authentication Failure</ErrorType><ErrorMessage>UNAUTHORIZED</ErrorMessage>' +
        '<ErrorData>jsmith</ErrorData></ApiError></ApiErrors>',
    );
    assert.equal(
      renderApiErrorsCamel(errors),
      '<apiErrors><apiError><errorType>Authentication Failure</errorType><errorMessage>UNAUTHORIZED</errorMessage>' +
        '<errorData>jsmith</errorData></apiError></apiErrors>',
    );
  });

  it('a peripheral error code follows errorData in notifications (finesse-api.md §0)', () => {
    const failure: ApiError = {
      status: 400,
      errorType: 'Call Operation Failure',
      errorMessage: 'CF_RESOURCE_OUT_OF_SERVICE',
      errorData: '34',
      peripheralErrorCode: '10125',
    };
    assert.equal(
      renderApiErrorsCamel([failure]),
      '<apiErrors><apiError><errorType>Call Operation Failure</errorType><errorMessage>CF_RESOURCE_OUT_OF_SERVICE</errorMessage>' +
        '<errorData>34</errorData><peripheralErrorCode>10125</peripheralErrorCode></apiError></apiErrors>',
    );
  });

  it('an error Update is ordered data, requestId, source, event (put) as Finesse 12.x sends it', () => {
    const u = xml(
      renderUpdate({
        data: { kind: 'apiErrors', errors },
        event: 'PUT',
        requestId: '',
        source: '/finesse/api/User/6021',
      }),
    );
    assert.deepEqual(
      u.elements().map((e) => e.name),
      ['data', 'requestId', 'source', 'event'],
    );
    assert.equal(u.getChildText('event'), 'put');
    assert.equal(
      u.getChild('data')?.getChild('apiErrors')?.getChild('apiError')?.getChildText('errorData'),
      'jsmith',
    );
  });

  it('ReasonCodes in the documented order', () => {
    const codes: ReasonCode[] = [
      { id: 1, category: 'NOT_READY', code: 1, label: 'Break', forAll: true, systemCode: false },
    ];
    assert.equal(
      renderReasonCodes(codes),
      '<ReasonCodes><ReasonCode><uri>/finesse/api/ReasonCode/1</uri><category>NOT_READY</category><code>1</code>' +
        '<label>Break</label><forAll>true</forAll><systemCode>false</systemCode><id>1</id></ReasonCode></ReasonCodes>',
    );
    assert.equal(renderReasonCodes([]), '<ReasonCodes/>');
  });

  it('Dialogs: an empty list (the Dialog itself: dialog.test.ts)', () => {
    assert.equal(renderDialogs([]), '<Dialogs/>');
  });

  const info: SystemInfo = {
    currentTimestamp: '2026-11-22T10:00:00.000Z',
    deploymentType: 'UCCE',
    status: 'IN_SERVICE',
    lastCTIHeartbeatStatus: 'success',
    ctiVersion: 24,
    ctiHeartbeatInterval: 5,
    peripheralId: 5000,
    primaryNode: { host: 'sb1.example.com' },
    timezoneOffset: 60,
    xmppDomain: 'sb1.example.com',
    xmppPubSubDomain: 'pubsub.sb1.example.com',
  };

  it('SystemInfo in the element order of the 12.6 documentation', () => {
    const s = xml(renderSystemInfo(info));
    assert.deepEqual(
      s.elements().map((e) => e.name),
      [
        'currentTimestamp',
        'deploymentType',
        'lastCTIHeartbeatStatus',
        'lastSuccessCTIHeartbeatTime',
        'ctiVersion',
        'ctiHeartbeatInterval',
        'peripheralId',
        'primaryNode',
        'secondaryNode',
        'status',
        'systemAuthMode',
        'timezoneOffset',
        'uri',
        'xmppDomain',
        'xmppPubSubDomain',
      ],
    );
    assert.equal(s.getChild('secondaryNode')?.getChildText('host'), '');
    const down = xml(
      renderSystemInfo({ ...info, status: 'OUT_OF_SERVICE', statusReason: 'CTI_CONNECTION_DOWN' }),
    );
    assert.equal(down.getChildText('statusReason'), 'CTI_CONNECTION_DOWN');
  });

  it("SystemInfo's node ports, license, lastSuccessCTIHeartbeatTime and ctiServers where the 12.6 object has them", () => {
    const full = xml(
      renderSystemInfo({
        ...info,
        status: 'PARTIAL_SERVICE',
        statusReason: 'PERIPHERAL_OFFLINE',
        lastSuccessCTIHeartbeatTime: 1795341598000,
        license: '',
        primaryNode: { host: 'sb1.example.com', httpsPort: 8445, xmppPort: 5222, xmppSecurePort: 5223 },
        ctiServers: [
          { host: 'cti-a', connectedDuration: 90, active: true },
          { host: 'cti-b', connectedDuration: 0, active: false },
        ],
      }),
    );
    const names = full.elements().map((e) => e.name);
    const order = [
      'currentTimestamp',
      'deploymentType',
      'lastCTIHeartbeatStatus',
      'lastSuccessCTIHeartbeatTime',
      'ctiVersion',
      'ctiHeartbeatInterval',
      'license',
      'peripheralId',
      'primaryNode',
      'secondaryNode',
      'status',
      'statusReason',
      'systemAuthMode',
      'timezoneOffset',
      'uri',
      'xmppDomain',
      'xmppPubSubDomain',
      'ctiServers',
    ];
    // Maintenance-mode fields (ctiMMode …) may sit between; the documented order of ours holds.
    assert.deepEqual(
      names.filter((n) => order.includes(n)),
      order,
    );
    assert.deepEqual(shape(full.getChild('primaryNode') as XmlElement), [
      'primaryNode',
      [
        ['host', 'sb1.example.com'],
        ['httpsPort', '8445'],
        ['xmppPort', '5222'],
        ['xmppSecurePort', '5223'],
      ],
    ]);
    assert.deepEqual(shape(full.getChild('ctiServers') as XmlElement), [
      'ctiServers',
      [
        [
          'ctiServer',
          [
            ['host', 'cti-a'],
            ['connectedDuration', '90'],
            ['active', 'true'],
          ],
        ],
        [
          'ctiServer',
          [
            ['host', 'cti-b'],
            ['connectedDuration', '0'],
            ['active', 'false'],
          ],
        ],
      ],
    ]);
    assert.equal(full.getChildText('status'), 'PARTIAL_SERVICE');
  });

  it("SystemInfo's maintenance-mode fields sit where the 12.6 order puts them: after ctiHeartbeatInterval, before license", () => {
    // finesse-api.md §1.2: "… ctiVersion, ctiHeartbeatInterval, ctiMMode, ctiTimeInMMode,
    // finesseMMode, finesseTimeInMMode, license, peripheralId …".
    const names = (i: typeof info) =>
      xml(renderSystemInfo(i))
        .elements()
        .map((e) => e.name);
    const inMaintenance = names({
      ...info,
      license: '',
      ctiMMode: 'INITIATING',
      ctiTimeInMMode: 3,
      finesseMMode: 'IN_PROGRESS',
      finesseTimeInMMode: 12,
    });
    const at = inMaintenance.indexOf('ctiHeartbeatInterval');
    assert.deepEqual(inMaintenance.slice(at, at + 7), [
      'ctiHeartbeatInterval',
      'ctiMMode',
      'ctiTimeInMMode',
      'finesseMMode',
      'finesseTimeInMMode',
      'license',
      'peripheralId',
    ]);
    const s = xml(
      renderSystemInfo({
        ...info,
        ctiMMode: 'IN_PROGRESS',
        ctiTimeInMMode: 4,
        finesseMMode: 'IN_PROGRESS',
        finesseTimeInMMode: 12,
      }),
    );
    assert.deepEqual(
      ['ctiMMode', 'ctiTimeInMMode', 'finesseMMode', 'finesseTimeInMMode'].map((n) => s.getChildText(n)),
      ['IN_PROGRESS', '4', 'IN_PROGRESS', '12'],
    );
    // Out of maintenance, neither is sent (the developer guide's samples have none).
    assert.ok(!names(info).some((n) => n.endsWith('MMode') || n.endsWith('InMMode')));
  });

  it('SystemInfo timestamponly carries the timestamp and the offset only', () => {
    assert.equal(
      renderSystemInfo(info, { timestampOnly: true }),
      '<SystemInfo><currentTimestamp>2026-11-22T10:00:00.000Z</currentTimestamp>' +
        '<timezoneOffset>60</timezoneOffset></SystemInfo>',
    );
  });
});
