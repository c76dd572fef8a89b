import Ajv2020 from 'ajv/dist/2020';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import fs from 'fs';
import { parse } from 'yaml';

const document = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@image-health/plugin-image-health-backend',
      'openapi.yaml',
    ),
    'utf8',
  ),
);
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', value => !Number.isNaN(Date.parse(value)));
ajv.addFormat('uuid', value => /^[0-9a-f-]{36}$/i.test(value));
ajv.addSchema(document, 'openapi');

function pointer(...tokens: string[]): string {
  return tokens
    .map(t => encodeURIComponent(t.replace(/~/g, '~0').replace(/\//g, '~1')))
    .join('/');
}

/**
 * Throws unless `body` is what openapi.yaml promises for `method path` answering `status`;
 * `path` is the route as written in the document, e.g. `/v1/scans/{id}`.
 */
export function expectToMatchOpenApi(
  method: 'get' | 'post',
  route: string,
  status: number,
  body: unknown,
): void {
  const operation = document.paths[route]?.[method];
  if (!operation) throw new Error(`openapi.yaml has no ${method} ${route}`);
  if (!operation.responses[String(status)]) {
    throw new Error(
      `openapi.yaml has no ${status} response for ${method} ${route}`,
    );
  }
  const ref = `openapi#/${pointer(
    'paths',
    route,
    method,
    'responses',
    String(status),
  )}`;
  const response = operation.responses[String(status)];
  const schemaRef = response.$ref
    ? `openapi#${response.$ref.slice(1)}/content/application~1json/schema`
    : `${ref}/content/application~1json/schema`;
  const validate = ajv.getSchema(schemaRef);
  if (!validate) throw new Error(`cannot resolve ${schemaRef}`);
  if (!validate(body)) {
    throw new Error(
      `response of ${method.toUpperCase()} ${route} (${status}) does not match openapi.yaml: ${ajv.errorsText(
        validate.errors,
      )}\n${JSON.stringify(body, null, 2)}`,
    );
  }
}
