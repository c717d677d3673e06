import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFramedBySelf, renderGadgetPage, specUrlOf } from './handler.ts';
import { LOCAL_ORIGIN, renderGadgetDocument, resolveAgainst } from './render.ts';
import type { Fetched, GadgetSource } from './source.ts';
import { chooseLocale, parseGadgetSpec } from './spec.ts';

const SPEC = `<?xml version="1.0" encoding="UTF-8"?>
<Module>
  <ModulePrefs title="Sample &amp; Co" description="d">
    <Require feature="pubsub-2"/>
    <Require feature="loadingindicator"><Param name="manual-dismiss">true</Param><Param name="loading-timeout">60</Param></Require>
    <Locale lang="en" country="US" messages="msgs/test-Messages.xml"/>
  </ModulePrefs>
  <UserPref name="scheme" display_name="scheme" default_value="http"/>
  <Content type="html"><![CDATA[<!DOCTYPE html>
<html><head>
<link rel="stylesheet" href="Sample.css">
<script src="/desktop/assets/js/finesse.js"></script>
<script src="js/Sample.js"></script>
<script src="__UP_scheme__://__UP_host__:__UP_hostPort__/desktop/assets/js/jquery.min.js"></script>
<style>.x { background: url(images/bg.png) } .y { background: url('/abs.png') }</style>
</head>
<body>
<img src="images/help.png" title="__MSG_gadget.title__">
<a href="#top">top</a> <a href="javascript:void(0)">js</a> <div style="background:url(a b.png)"></div>
<script>var s = '<img src="not-rewritten.png">'; var rt = '../3rdpartygadget/files/X/images/check.svg';</script>
</body></html>]]></Content>
</Module>`;

const bundle = `<messagebundle><msg name="gadget.title">Task &lt;Title&gt;</msg><msg name="READY">Ready</msg></messagebundle>`;

describe('gadget spec and its rendered document', () => {
  it('reads title, features with params, user prefs, locales and the CDATA content', () => {
    const r = parseGadgetSpec(SPEC);
    assert.ok(r.ok);
    assert.equal(r.spec.title, 'Sample & Co');
    assert.deepEqual(r.spec.features, ['pubsub-2', 'loadingindicator']);
    assert.deepEqual(r.spec.params.loadingindicator, { 'manual-dismiss': 'true', 'loading-timeout': '60' });
    assert.deepEqual(r.spec.userPrefs, { scheme: 'http' });
    assert.equal(chooseLocale(r.spec.locales, 'en_US')?.messages, 'msgs/test-Messages.xml');
    assert.match(r.spec.content, /^<!DOCTYPE html>/);
  });

  it('names what is wrong with a spec it cannot render', () => {
    const err = (xml: string) => {
      const r = parseGadgetSpec(xml);
      assert.ok(!r.ok);
      return r.error;
    };
    assert.match(err('<Module><Content type="html"><![CDATA[x]]>'), /not well-formed XML/);
    assert.match(err('<html/>'), /root is <html>, not <Module>/);
    assert.match(err('<Module><ModulePrefs/></Module>'), /no <Content type="html">/);
    assert.match(
      err('<Module><Content type="url" href="http://x"/></Module>'),
      /type="url"> gadgets are not supported/,
    );
  });

  it('resolves static relative URLs against the spec, leaves scripts, fragments and absolute URLs', () => {
    const base = `${LOCAL_ORIGIN}/3rdpartygadget/files/Sample/Sample.xml?mrdid=1`;
    assert.equal(resolveAgainst('js/a.js', base), '/3rdpartygadget/files/Sample/js/a.js');
    assert.equal(resolveAgainst('/desktop/assets/js/finesse.js', base), '/desktop/assets/js/finesse.js');
    assert.equal(resolveAgainst('#x', base), '#x');
    assert.equal(resolveAgainst('javascript:void(0)', base), 'javascript:void(0)');
    assert.equal(resolveAgainst('https://cdn.example.com/f.js', base), 'https://cdn.example.com/f.js');
    // A spec on another host: its relative and root-relative URLs are that host's (Shindig).
    assert.equal(
      resolveAgainst('js/a.js', 'http://ext.example.com/G/G.xml'),
      'http://ext.example.com/G/js/a.js',
    );
  });

  it('substitutes hangman variables, rewrites tags only, and puts the runtime first', () => {
    const r = parseGadgetSpec(SPEC);
    assert.ok(r.ok);
    const html = renderGadgetDocument({
      spec: r.spec,
      specUrl: `${LOCAL_ORIGIN}/3rdpartygadget/files/Sample/Sample.xml`,
      query: new URLSearchParams({ mid: '3', up_host: 'sb.example.com', up_hostPort: '8082' }),
      messages: { 'gadget.title': 'Task <Title>' },
      runtimeSrc: '/desktop/assets/gadgets-X.js',
      layoutUrl: '/3rdpartygadget/files/Sample/Sample.xml',
    });
    assert.match(html, /^<!DOCTYPE html><script type="application\/json" id="switchboard-gadget-boot">/);
    assert.match(html, /<script src="\/desktop\/assets\/gadgets-X\.js"><\/script>\n<html>/);
    assert.match(html, /href="\/3rdpartygadget\/files\/Sample\/Sample\.css"/);
    assert.match(html, /src="\/3rdpartygadget\/files\/Sample\/js\/Sample\.js"/);
    assert.match(html, /src="\/desktop\/assets\/js\/finesse\.js"/);
    assert.match(html, /src="http:\/\/sb\.example\.com:8082\/desktop\/assets\/js\/jquery\.min\.js"/);
    assert.match(html, /url\(\/3rdpartygadget\/files\/Sample\/images\/bg\.png\)/);
    assert.match(html, /url\('\/abs\.png'\)/);
    assert.match(html, /style="background:url\(\/3rdpartygadget\/files\/Sample\/a%20b\.png\)"/);
    assert.match(html, /<img src="\/3rdpartygadget\/files\/Sample\/images\/help\.png" title="Task <Title>">/);
    assert.match(html, /href="#top"/);
    assert.match(html, /'<img src="not-rewritten\.png">'/);
    assert.match(html, /'\.\.\/3rdpartygadget\/files\/X\/images\/check\.svg'/);
    const boot = JSON.parse(/id="switchboard-gadget-boot">(.*?)<\/script>/.exec(html)?.[1] ?? '{}');
    assert.equal(boot.mid, '3');
    assert.equal(boot.title, 'Sample & Co');
    assert.equal(boot.messages['gadget.title'], 'Task <Title>');
    assert.doesNotMatch(/id="switchboard-gadget-boot">(.*?)<\/script>/.exec(html)?.[1] ?? '', /</);
  });

  it('escapes pref values from the URL: they cannot end an attribute or a tag', () => {
    const r = parseGadgetSpec(
      '<Module><Content type="html"><![CDATA[<a title="__UP_host__">x</a><script>var h = "__UP_host__";</script>]]></Content></Module>',
    );
    assert.ok(r.ok);
    const html = renderGadgetDocument({
      spec: r.spec,
      specUrl: `${LOCAL_ORIGIN}/3rdpartygadget/files/a.xml`,
      query: new URLSearchParams({ up_host: '"><script>alert(1)</script>\\' }),
      messages: {},
      runtimeSrc: '/r.js',
      layoutUrl: '/3rdpartygadget/files/a.xml',
    });
    assert.match(html, /title="&quot;&gt;&lt;script&gt;alert\(1\)&lt;\/script&gt;"/);
    assert.doesNotMatch(html, /<script>alert/);
  });

  it('renders a page from its source with the locale bundle; an unusable spec becomes an error page', async () => {
    const files: Record<string, string> = {
      '/3rdpartygadget/files/Sample/Sample.xml': SPEC,
      '/3rdpartygadget/files/Sample/msgs/test-Messages.xml': bundle,
      '/3rdpartygadget/files/Bad/Bad.xml': '<Module><Content>',
    };
    const asked: string[] = [];
    const source: GadgetSource = {
      async fetch(url): Promise<Fetched> {
        asked.push(url.href);
        if (url.hostname === 'down.example.com') return { ok: false, status: 502, error: 'down' };
        if (url.origin !== LOCAL_ORIGIN) return { ok: true, status: 200, body: SPEC };
        const body = files[url.pathname];
        return body
          ? { ok: true, status: 200, body }
          : { ok: false, status: 404, error: `${url.pathname} not found` };
      },
    };
    const q = (o: Record<string, string>) => new URLSearchParams(o);
    const ok = await renderGadgetPage(q({ url: '/3rdpartygadget/files/Sample/Sample.xml', mid: '1' }), {
      source,
      runtimeSrc: '/r.js',
    });
    assert.equal(ok.status, 200);
    assert.match(ok.html, /title="Task &lt;Title&gt;"|title="Task <Title>"/);
    const missing = await renderGadgetPage(q({ url: '/3rdpartygadget/files/None.xml' }), {
      source,
      runtimeSrc: '/r.js',
    });
    assert.equal(missing.status, 404);
    assert.match(
      missing.html,
      /This gadget could not be loaded:<\/strong> \/3rdpartygadget\/files\/None\.xml not found/,
    );
    const bad = await renderGadgetPage(q({ url: '/3rdpartygadget/files/Bad/Bad.xml' }), {
      source,
      runtimeSrc: '/r.js',
    });
    assert.equal(bad.status, 422);
    assert.match(bad.html, /not well-formed XML/);
    assert.equal(
      (await renderGadgetPage(q({ url: 'javascript:alert(1)' }), { source, runtimeSrc: '' })).status,
      400,
    );
    // alternateHosts: the next host when the first does not answer.
    asked.length = 0;
    const alt = await renderGadgetPage(
      q({ url: 'http://down.example.com:8444/G/G.xml?x=1', alt: 'up.example.com,evil/../x' }),
      { source, runtimeSrc: '/r.js' },
    );
    assert.equal(alt.status, 200);
    assert.deepEqual(asked.slice(0, 2), [
      'http://down.example.com:8444/G/G.xml?x=1',
      'http://up.example.com:8444/G/G.xml?x=1',
    ]);
  });

  it('is framed by this origin only', () => {
    assert.ok(isFramedBySelf({}));
    assert.ok(isFramedBySelf({ 'sec-fetch-site': 'same-origin', 'sec-fetch-dest': 'iframe' }));
    assert.ok(!isFramedBySelf({ 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe' }));
    assert.ok(!isFramedBySelf({ 'sec-fetch-site': 'none', 'sec-fetch-dest': 'document' }));
    assert.equal(specUrlOf('//evil.example.com/x.xml'), undefined);
    assert.equal(specUrlOf('/3rdpartygadget/files/a.xml')?.origin, LOCAL_ORIGIN);
  });
});
