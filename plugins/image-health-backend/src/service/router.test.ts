import { resolvePackagePath } from '@backstage/backend-plugin-api';
import {
  FINDING_CATEGORIES,
  GRADES,
  SCORECARD_SORT_FIELDS,
  SEVERITIES,
} from '@image-health/plugin-image-health-common';
import fs from 'fs';
import { parse } from 'yaml';
import { spec } from '../schema/openapi.generated';

const openApi = parse(
  fs.readFileSync(
    resolvePackagePath(
      '@image-health/plugin-image-health-backend',
      'openapi.yaml',
    ),
    'utf8',
  ),
);

describe('the HTTP API', () => {
  it('validates requests against openapi.yaml as it is now (else run yarn openapi:generate)', () => {
    expect(spec).toEqual(openApi);
  });

  it("documents exactly -common's grades, severities, categories and scorecard sort fields", () => {
    const { schemas } = openApi.components;
    const sort = openApi.paths['/v1/scorecard'].get.parameters.find(
      (p: { name: string }) => p.name === 'sort',
    );
    expect(schemas.Grade.enum).toEqual(GRADES);
    expect(schemas.Severity.enum).toEqual(SEVERITIES);
    expect(schemas.FindingCategory.enum).toEqual(FINDING_CATEGORIES);
    expect(sort.schema.enum).toEqual(SCORECARD_SORT_FIELDS);
  });
});
