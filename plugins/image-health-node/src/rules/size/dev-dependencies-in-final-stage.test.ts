import { rule } from './dev-dependencies-in-final-stage';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';

describeRule(rule, {
  catches: [
    'FROM node:20-slim\nCOPY package*.json ./\nRUN npm ci',
    'FROM node:20-slim\nRUN yarn install --frozen-lockfile',
  ],
  passes: [
    'FROM node:20-slim\nRUN npm ci --omit=dev',
    'FROM node:20-slim\nENV NODE_ENV=production\nRUN npm ci',
    'FROM node:20 AS b\nRUN npm ci\nFROM node:20-slim\nRUN npm ci --only=production',
    'FROM node:20-slim\nRUN npm install -g pm2@5.4.0',
  ],
});

describe('dev-dependencies-in-final-stage on deliberate development images (issue 13)', () => {
  it('leaves an image that installs nodemon to run the app alone', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/docker/labs/developer-tools/nodejs-debugging/app/Dockerfile',
        ),
      ),
    ).toEqual([]);
  });

  it('leaves NODE_ENV=development alone, and still catches a production image', () => {
    expect(
      hitsOf(rule, 'FROM node:20\nENV NODE_ENV=development\nRUN npm ci'),
    ).toEqual([]);
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-assignment-1/answer/Dockerfile',
        ),
      ),
    ).toHaveLength(1);
  });
});

describe('dev-dependencies-in-final-stage: composer (issue 13)', () => {
  it('catches composer install without --no-dev in the image that ships', () => {
    const [hit] = hitsOf(
      rule,
      'FROM php:8.3-fpm\nCOPY composer.json composer.lock ./\nRUN composer install --optimize-autoloader',
    );
    expect(hit.after).toBe(
      'RUN composer install --no-dev --optimize-autoloader',
    );
    expect(
      hitsOf(
        rule,
        'FROM php:8.3-fpm\nRUN composer install --no-dev --optimize-autoloader',
      ),
    ).toEqual([]);
    expect(
      hitsOf(
        rule,
        'FROM composer:2 AS vendor\nRUN composer install\nFROM php:8.3-fpm\nCOPY --from=vendor /app/vendor /app/vendor',
      ),
    ).toEqual([]);
  });
});

describe('dev-dependencies-in-final-stage through COPY --from (issue 13)', () => {
  const builder = [
    'FROM node:20 AS build',
    'WORKDIR /src',
    'COPY package.json package-lock.json ./',
    'RUN npm ci',
    'COPY . .',
    'RUN npm run build',
    'FROM node:20-slim',
    'WORKDIR /app',
  ].join('\n');

  it("catches the builder's whole working directory copied into the final stage", () => {
    const [hit] = hitsOf(
      rule,
      `${builder}\nCOPY --from=build /src /app\nCMD ["node", "dist/index.js"]`,
    );
    expect(hit.instruction?.line).toBe(9);
    expect(hit.message).toBe(
      'COPY --from=build /src ships the node_modules that npm ci (line 4) filled with development packages',
    );
    expect(hit.before).toBe('RUN npm run build');
    expect(hit.after).toBe('RUN npm run build\nRUN npm prune --omit=dev');
  });

  it('catches node_modules copied by name', () => {
    expect(
      hitsOf(
        rule,
        `${builder}\nCOPY --from=build /src/node_modules ./node_modules`,
      ),
    ).toHaveLength(1);
  });

  it('passes when only the build output is copied, or the builder was pruned', () => {
    expect(
      hitsOf(rule, `${builder}\nCOPY --from=build /src/dist ./dist`),
    ).toEqual([]);
    expect(
      hitsOf(
        rule,
        `${builder.replace(
          'RUN npm run build',
          'RUN npm run build && npm prune --omit=dev',
        )}\nCOPY --from=build /src /app`,
      ),
    ).toEqual([]);
    expect(
      hitsOf(
        rule,
        `${builder.replace(
          'RUN npm ci',
          'RUN npm ci --omit=dev',
        )}\nCOPY --from=build /src /app`,
      ),
    ).toEqual([]);
  });

  it('passes a development image that copies a builder on purpose', () => {
    expect(
      hitsOf(
        rule,
        `${builder}\nENV NODE_ENV=development\nCOPY --from=build /src /app`,
      ),
    ).toEqual([]);
  });

  it("catches a composer builder's vendor/ with require-dev", () => {
    const [hit] = hitsOf(
      rule,
      [
        'FROM composer:2 AS vendor',
        'WORKDIR /app',
        'COPY composer.json composer.lock ./',
        'RUN composer install --no-scripts',
        'FROM php:8.3-fpm-alpine',
        'COPY --from=vendor /app/vendor /var/www/vendor',
      ].join('\n'),
    );
    expect(hit.instruction?.line).toBe(6);
    expect(hit.before).toBe('RUN composer install --no-scripts');
    expect(hit.after).toBe('RUN composer install --no-dev --no-scripts');
    expect(
      hitsOf(
        rule,
        'FROM composer:2 AS vendor\nWORKDIR /app\nRUN composer install --no-dev\nFROM php:8.3-fpm-alpine\nCOPY --from=vendor /app/vendor /var/www/vendor',
      ),
    ).toEqual([]);
  });
});
