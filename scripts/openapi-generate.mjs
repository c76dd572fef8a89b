#!/usr/bin/env node
// Generates both ends of the HTTP API from plugins/image-health-backend/openapi.yaml:
// - the backend's validated router: src/schema/openapi.generated.ts (the spec as a
//   typed constant + createOpenApiRouter, from @backstage/backend-openapi-utils);
// - the frontend's types: src/api/openapi.generated.ts (openapi-typescript), which
//   the client reads through openapi-fetch.
// `yarn openapi:generate` writes them; `yarn openapi:generate --check` writes
// nothing and fails when a committed file differs from what the spec makes (CI).
// The output depends only on the spec and the pinned generator versions, so anyone
// can regenerate after a merge and get the same bytes.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import prettier from 'prettier';
import { parse } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const SPEC = path.join(root, 'plugins/image-health-backend/openapi.yaml');
const BACKEND_OUT = path.join(
  root,
  'plugins/image-health-backend/src/schema/openapi.generated.ts',
);
const FRONTEND_OUT = path.join(
  root,
  'plugins/image-health/src/api/openapi.generated.ts',
);

const HEADER = [
  '// ******************************************************************',
  '// * THIS FILE IS GENERATED FROM plugins/image-health-backend/openapi.yaml',
  '// * by `yarn openapi:generate`. DO NOT EDIT IT BY HAND.',
  '// ******************************************************************',
  '/* eslint-disable */',
  '',
].join('\n');

function backendSource(specText) {
  const spec = parse(specText);
  return `${HEADER}
import { createValidatedOpenApiRouter } from '@backstage/backend-openapi-utils';

export const spec = ${JSON.stringify(spec, null, 2)} as const;

/** An express router that rejects requests the spec does not allow (400, naming the parameter). */
export const createOpenApiRouter = (
  options?: Parameters<typeof createValidatedOpenApiRouter>['1'],
) => createValidatedOpenApiRouter<typeof spec>(spec, options);
`;
}

async function frontendSource() {
  const ast = await openapiTS(new URL(`file://${SPEC}`), {
    alphabetize: false,
    exportType: false,
  });
  return `${HEADER}\n${astToString(ast)}`;
}

async function format(file, source) {
  const options = await prettier.resolveConfig(file);
  return prettier.format(source, { ...options, filepath: file });
}

const check = process.argv.includes('--check');
const specText = fs.readFileSync(SPEC, 'utf8');
const outputs = [
  [BACKEND_OUT, backendSource(specText)],
  [FRONTEND_OUT, await frontendSource()],
];

let stale = 0;
for (const [file, source] of outputs) {
  const text = await format(file, source);
  const relative = path.relative(root, file);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  if (current === text) {
    console.log(`${relative}: up to date`);
  } else if (check) {
    stale += 1;
    console.error(
      `${relative} is stale: openapi.yaml changed since it was generated. Run \`yarn openapi:generate\` and commit the result.`,
    );
  } else {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, text);
    console.log(`${relative}: written`);
  }
}
process.exitCode = stale ? 1 : 0;
