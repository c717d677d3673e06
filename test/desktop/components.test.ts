/**
 * The desktop's components in real Chromium from properties alone, all on one component fixture
 * (test/desktop/fixture.ts): the agent's (components-agent.ts), then the supervisor's and the
 * administrator's (components-supervisor-admin.ts). Each test mounts its component afresh; one
 * page and one desktop build serve them all, as a page of their own cost more than their tests.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { skipWithoutChromium } from './browser.ts';
import { agentComponentTests } from './components-agent.ts';
import { supervisorAdminComponentTests } from './components-supervisor-admin.ts';
import { type ComponentFixture, openFixture } from './fixture.ts';

describe('desktop components in Chromium', { skip: skipWithoutChromium }, () => {
  // Filled in before the tests run; the groups below keep this one object.
  const fx = {} as ComponentFixture;

  before(async () => {
    Object.assign(fx, await openFixture());
  });

  after(async () => {
    await fx.close?.();
  });

  describe('agent components', () => agentComponentTests(fx));
  describe('supervisor and admin components', () => supervisorAdminComponentTests(fx));

  it('ran without script errors', () => {
    assert.deepEqual(fx.errors, []);
  });
});
