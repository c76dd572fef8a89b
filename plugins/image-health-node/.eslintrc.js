module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The bundled CLI (yarn build:cli) is generated code.
  ignorePatterns: ['dist-cli/'],
});
