#!/usr/bin/env node
// The `switchboard` command. TypeScript sources run through tsx's loader, so there is no build step
// between `npm install` and `npm start`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
