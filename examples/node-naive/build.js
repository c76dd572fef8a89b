// Copies the server into dist/, standing in for a bundler step.
const fs = require('node:fs');

fs.mkdirSync('dist', { recursive: true });
fs.copyFileSync('src/server.js', 'dist/server.js');
