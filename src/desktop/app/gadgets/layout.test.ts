import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DOMParser } from '@xmldom/xmldom';
import { DEFAULT_LAYOUT_XML } from '../../../gadgets/default-layout.ts';
import { builtinFor } from './builtins.ts';
import { parseLayout, roleLayout, tabLabel, type XmlParser } from './layout.ts';

// xmldom throws on fatal errors (parseLayout catches it); its console report is not wanted here.
const parser = new DOMParser({ onError: () => {} }) as unknown as XmlParser;

/** The built-in panels a role's page and tabs place, tab by tab. */
const panelsOf = (role: ReturnType<typeof roleLayout>) => ({
  page: role?.page.map((g) => builtinFor(g.url, 'http://x')),
  tabs: role?.tabs.map((t) => [
    t.id,
    tabLabel(t.label),
    t.columns.map((c) => c.map((g) => builtinFor(g.url, 'http://x'))),
  ]),
});

describe('desktop layout XML', () => {
  it('reads the default layout (also the fallback): an agent works from Home, a supervisor sees the team there', () => {
    const r = parseLayout(DEFAULT_LAYOUT_XML, parser);
    assert.ok(r.ok, !r.ok ? r.error : '');
    const layout = r.layout;
    assert.deepEqual(
      layout.header.left[0].components.map((c) => [c.id, builtinFor(c.url, 'http://x')]),
      [['agent-voice-state', 'header']],
    );
    assert.deepEqual(layout.header.right, []);
    // Call control above the tabs (Finesse's page-level gadget): in view on Home and every other tab.
    assert.deepEqual(panelsOf(roleLayout(layout, 'Agent')), {
      page: ['calls'],
      tabs: [
        ['home', 'Home', [['queues', 'phonebook'], ['makeCall']]],
        ['manageLogs', 'Manage Logs', [['log']]],
      ],
    });
    assert.deepEqual(panelsOf(roleLayout(layout, 'Supervisor')), {
      page: ['calls'],
      tabs: [
        ['home', 'Home', [['team', 'queues']]],
        ['manageLogs', 'Manage Logs', [['log']]],
      ],
    });
  });

  it('keeps gadget attributes and the query string; tabs may list gadgets without columns', () => {
    const xml = `<finesseLayout xmlns="http://www.cisco.com/vtg/finesse"><version>1252.02</version>
      <layout><role>Agent</role>
        <page><gadget hidden="true" id="headless">/3rdpartygadget/files/H/H.xml</gadget></page>
        <tabs><tab><id>t1</id><icon>home</icon><label>My Tab</label><gadgets>
          <gadget id="g" alternateHosts="a.example.com, b.example.com">https://x.example.com:8444/g.xml?mrdid=1&amp;gadgetHeight=310</gadget>
        </gadgets></tab></tabs>
      </layout></finesseLayout>`;
    const r = parseLayout(xml, parser);
    assert.ok(r.ok);
    const role = roleLayout(r.layout, 'Supervisor'); // none: the Agent layout is used
    assert.equal(role?.role, 'Agent');
    assert.deepEqual(role?.page[0], {
      url: '/3rdpartygadget/files/H/H.xml',
      id: 'headless',
      hidden: true,
      managedBy: '',
      isDefault: false,
      maxRows: '',
      alternateHosts: [],
    });
    const g = role?.tabs[0].columns[0][0];
    assert.equal(g?.url, 'https://x.example.com:8444/g.xml?mrdid=1&gadgetHeight=310');
    assert.deepEqual(g?.alternateHosts, ['a.example.com', 'b.example.com']);
    assert.equal(tabLabel('My Tab'), 'My Tab');
  });

  it('names what is wrong with a layout it cannot use', () => {
    const bad = (xml: string) => {
      const r = parseLayout(xml, parser);
      assert.ok(!r.ok);
      return r.error;
    };
    assert.match(bad('<finesseLayout><layout>'), /not well-formed/);
    assert.match(bad('<Layout/>'), /root is <Layout>/);
    assert.match(bad('<finesseLayout/>'), /no <layout>/);
    assert.match(bad('<finesseLayout><layout><tabs/></layout></finesseLayout>'), /has no <role>/);
    assert.match(
      bad(
        '<finesseLayout><layout><role>Agent</role><tabs><tab><id>a</id></tab><tab><id>a</id></tab></tabs></layout></finesseLayout>',
      ),
      /tab id a is used twice/,
    );
    assert.match(
      bad(
        `<finesseLayout><layout><role>Agent</role><tabs><tab><id>a</id><columns>${'<column/>'.repeat(5)}</columns></tab></tabs></layout></finesseLayout>`,
      ),
      /5 columns \(at most 4\)/,
    );
    assert.match(
      bad(
        '<finesseLayout><layout><role>Agent</role><page><gadget> </gadget></page></layout></finesseLayout>',
      ),
      /has no URL/,
    );
  });

  it("maps Finesse's built-in URLs to the desktop's panels, on this node only", () => {
    const o = 'http://sb:8082';
    assert.equal(builtinFor('/desktop/scripts/js/callcontrol.js', o), 'calls');
    assert.equal(builtinFor('/desktop/gadgets/CallControl.jsp', o), 'calls');
    assert.equal(builtinFor('http://sb:8082/desktop/scripts/js/teamPerformance.js?maxRows=10', o), 'team');
    assert.equal(builtinFor('http://other/desktop/scripts/js/teamPerformance.js', o), undefined);
    assert.equal(builtinFor('/desktop/scripts/js/chat.component.js', o), 'absent');
    assert.equal(builtinFor('/3rdpartygadget/files/X/X.xml', o), undefined);
  });
});
