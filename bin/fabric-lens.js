#!/usr/bin/env node
// Command-line entry (package.json `bin`; npm links it as node_modules/.bin/fabric-lens, which is how `npx fabric-lens`
// runs it): calls the bundled CLI built into dist/ by `npm install` / `npm run build`.
require('../dist/cli.js').run(process.argv.slice(2));
