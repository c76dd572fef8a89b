import { readImagePolicy } from './read';

const MB = 1024 * 1024;

describe('readImagePolicy', () => {
  it('reads every setting, sizes in bytes', () => {
    expect(
      readImagePolicy(
        {
          allowedBaseImageRegistries: ['ghcr.io', 'registry.acme.test/base/'],
          forbiddenBaseImages: ['*:latest', 'node:16*'],
          requireNonRoot: true,
          requiredLabels: ['org.opencontainers.image.source'],
          maxImageSize: { node: '300MB', default: 500 * MB },
        },
        'imageHealth.policy',
      ),
    ).toEqual({
      allowedBaseImageRegistries: ['ghcr.io', 'registry.acme.test/base'],
      forbiddenBaseImages: ['*:latest', 'node:16*'],
      requireNonRoot: true,
      requiredLabels: ['org.opencontainers.image.source'],
      maxImageSize: { node: 300 * MB, default: 500 * MB },
    });
  });

  it('is empty when no policy is written', () => {
    expect(readImagePolicy(undefined, 'imageHealth.policy')).toEqual({});
  });

  it.each([
    [
      { forbidenBaseImages: ['*:latest'] },
      /imageHealth\.policy\.forbidenBaseImages is not a policy setting; use allowedBaseImageRegistries, forbiddenBaseImages/,
    ],
    [
      { forbiddenBaseImages: '*:latest' },
      /imageHealth\.policy\.forbiddenBaseImages must be a list/,
    ],
    [{ forbiddenBaseImages: ['node:[1-'] }, /"node:\[1-" is not a glob/],
    [
      { requireNonRoot: 'yes' },
      /imageHealth\.policy\.requireNonRoot must be true or false/,
    ],
    [
      { requiredLabels: [''] },
      /requiredLabels must be a list of up to 1000 non-empty strings/,
    ],
    [
      { maxImageSize: { nodejs: '300MB' } },
      /maxImageSize\.nodejs is not a language; use go, rust, node, python, java, default/,
    ],
    [
      { maxImageSize: { node: 'big' } },
      /maxImageSize\.node: "big" is not a size/,
    ],
    [
      { maxImageSize: { node: 0 } },
      /maxImageSize\.node must be a size above zero/,
    ],
    [['*:latest'], /imageHealth\.policy must be a map/],
  ])('refuses %j with a reason naming the key', (data, reason) => {
    expect(() => readImagePolicy(data, 'imageHealth.policy')).toThrow(reason);
  });

  it('refuses a pattern longer than any reference', () => {
    expect(() =>
      readImagePolicy(
        { forbiddenBaseImages: ['*'.repeat(300)] },
        'imageHealth.policy',
      ),
    ).toThrow(/at most 256 characters/);
  });
});
