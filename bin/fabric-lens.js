#!/usr/bin/env node
// Command-line entry: runs the bundled CLI (built into dist/ by `npm install` / `npm run build`).
require('../dist/cli.js');
