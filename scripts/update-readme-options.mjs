#!/usr/bin/env node
// Rewrites the README's configuration table from the option registry (src/app/options), between
// the `<!-- options:start -->` and `<!-- options:end -->` markers. A test fails until this is run
// after an option is added or changed.
import fs from 'node:fs';
import { register } from 'tsx/esm/api';

register();
const { renderOptionTable } = await import('../src/app/options/index.ts');
const file = new URL('../README.md', import.meta.url);
const text = fs.readFileSync(file, 'utf8');
const begin = '<!-- options:start -->\n';
const end = '\n<!-- options:end -->';
const i = text.indexOf(begin);
const j = text.indexOf(end);
if (i < 0 || j < i) throw new Error('README.md has no options:start/options:end markers');
fs.writeFileSync(file, text.slice(0, i + begin.length) + renderOptionTable('start') + text.slice(j));
