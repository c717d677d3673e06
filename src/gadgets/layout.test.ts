import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_LAYOUT_XML } from './default-layout.ts';
import { describeProblem, parseFinesseLayout } from './layout.ts';

const NS = 'http://www.cisco.com/vtg/finesse';
/** A layout around `body` (the inside of one Agent <layout>). */
const agent = (body: string, extra = '') =>
  `<finesseLayout xmlns="${NS}">\n<version>1250.03</version>${extra}\n<layout>\n<role>Agent</role>\n${body}\n</layout>\n</finesseLayout>`;
const problems = (text: string) => {
  const r = parseFinesseLayout(text);
  assert.ok(!r.ok, 'expected the layout to be refused');
  return r.problems.map(describeProblem);
};

describe('finesseLayout validation', () => {
  it('reads the default layout: header components, roles, page gadgets, tabs in columns or direct', () => {
    const r = parseFinesseLayout(DEFAULT_LAYOUT_XML);
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const l = r.value;
    assert.equal(l.version, '1250.03');
    assert.deepEqual(
      l.layouts.map((x) => x.role),
      ['Agent', 'Supervisor'],
    );
    assert.equal(l.header.left[0].components[0].id, 'agent-voice-state');
    assert.equal(l.header.left[0].width, '300px');
    const agentLayout = l.layouts[0];
    assert.equal(agentLayout.page[0].id, 'call-control');
    assert.deepEqual(
      agentLayout.tabs.map((t) => [t.id, t.columns.map((c) => c.map((g) => g.id))]),
      [
        ['home', [['queue-statistics', 'phone-book'], ['make-call']]],
        ['manageLogs', [['client-log']]],
      ],
    );
    assert.equal(l.layouts[1].tabs[0].columns[0][0].maxRows, 10);
  });

  it('keeps every gadget attribute and the gadget URL with its query string', () => {
    const r = parseFinesseLayout(
      agent(`<tabs><tab><id>t1</id><label>One</label><columns>
        <column><gadgets><gadget id="multi">/desktop/gadgets/Multi.jsp</gadget>
          <gadget id="a" managedBy="multi" default="true" hidden="false" maxRows="5"
            alternateHosts="b.example.com, c.example.com:8444">https://a.example.com:8444/g.xml?mrdid=1&amp;x=2</gadget></gadgets></column>
        <column><gadgets><gadget hidden="true">/3rdpartygadget/files/Headless/headless.xml</gadget></gadgets></column>
      </columns></tab></tabs>`),
    );
    assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
    const [c1, c2] = r.value.layouts[0].tabs[0].columns;
    assert.deepEqual(c1[1], {
      url: 'https://a.example.com:8444/g.xml?mrdid=1&x=2',
      id: 'a',
      managedBy: 'multi',
      hidden: false,
      isDefault: true,
      maxRows: 5,
      alternateHosts: ['b.example.com', 'c.example.com:8444'],
    });
    assert.equal(c2[0].hidden, true);
  });

  const refusals: [string, string, RegExp][] = [
    ['is not XML', '<finesseLayout', /line 1, <finesseLayout>: not well-formed XML/],
    ['has another root', `<layout xmlns="${NS}"/>`, /root element must be <finesseLayout>/],
    [
      'lacks the namespace',
      '<finesseLayout><layout><role>Agent</role></layout></finesseLayout>',
      /must be in the namespace/,
    ],
    [
      'has no layout',
      `<finesseLayout xmlns="${NS}"><version>1</version></finesseLayout>`,
      /at least one <layout>/,
    ],
    ['has a bad version', agent('').replace('1250.03', 'latest'), /line 2, <version>: version "latest"/],
    [
      'names a role twice',
      agent('').replace('</finesseLayout>', '<layout><role>Agent</role></layout></finesseLayout>'),
      /a second layout for the role Agent/,
    ],
    [
      'names an unknown role',
      agent('').replace('<role>Agent</role>', '<role>Boss</role>'),
      /<role>: role "Boss"/,
    ],
    ['has an unknown element', agent('<tabz/>'), /line 5, <tabz>: <tabz> is not allowed in <layout>/],
    [
      'has a tab without id',
      agent('<tabs><tab><label>x</label></tab></tabs>'),
      /<tab>: a <tab> needs an <id>/,
    ],
    [
      'has two tabs with one id',
      agent('<tabs><tab><id>a</id><label>x</label></tab><tab><id>a</id><label>y</label></tab></tabs>'),
      /tab id a appears twice/,
    ],
    [
      'has five columns',
      agent(`<tabs><tab><id>a</id><label>x</label><columns>${'<column/>'.repeat(5)}</columns></tab></tabs>`),
      /at most 4 columns/,
    ],
    [
      'mixes columns and gadgets',
      agent('<tabs><tab><id>a</id><label>x</label><columns/><gadgets/></tab></tabs>'),
      /either <columns> or <gadgets>/,
    ],
    ['has an empty gadget', agent('<page><gadget></gadget></page>'), /<gadget>: the URL is empty/],
    [
      'has a javascript: URL',
      agent('<page><gadget>javascript:alert(1)</gadget></page>'),
      /neither relative nor absolute http/,
    ],
    [
      'has a bad maxRows',
      agent('<page><gadget maxRows="lots">/a.xml</gadget></page>'),
      /maxRows "lots" must be a whole number/,
    ],
    [
      'has a bad hidden',
      agent('<page><gadget hidden="yes">/a.xml</gadget></page>'),
      /hidden must be true or false/,
    ],
    [
      'has an unknown attribute',
      agent('<page><gadget colour="red">/a.xml</gadget></page>'),
      /unknown attribute colour/,
    ],
    [
      'reuses an id',
      agent('<page><gadget id="x">/a.xml</gadget><gadget id="x">/b.xml</gadget></page>'),
      /id x is used twice/,
    ],
    [
      'manages by a missing gadget',
      agent('<page><gadget managedBy="nobody">/a.xml</gadget></page>'),
      /managedBy="nobody" names no gadget/,
    ],
    [
      'has a bad alternate host',
      agent('<page><gadget alternateHosts="a b">/a.xml</gadget></page>'),
      /alternateHosts: "a b"/,
    ],
    [
      'has a header component without url',
      agent(
        '',
        '<header><leftAlignedColumns><headercolumn><component id="c"/></headercolumn></leftAlignedColumns></header>',
      ),
      /exactly one <url>/,
    ],
    [
      'has a config without key',
      agent('', '<configs><config value="x"/></configs>'),
      /attribute key is required/,
    ],
  ];
  for (const [what, text, expected] of refusals) {
    it(`refuses a layout that ${what}, naming the line and element`, () => {
      const found = problems(text);
      assert.ok(
        found.some((p) => expected.test(p)),
        `${found.join('\n')}\n— expected ${expected}`,
      );
    });
  }

  it('reports every problem, each with its own line', () => {
    const found = problems(
      agent('<page>\n<gadget maxRows="0">/a.xml</gadget>\n<gadget hidden="1">/b.xml</gadget>\n</page>'),
    );
    assert.deepEqual(found, [
      'line 6, <gadget>: maxRows "0" must be a whole number from 1',
      'line 7, <gadget>: hidden must be true or false, not "1"',
    ]);
  });
});
