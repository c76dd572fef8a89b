import { rule } from './from-platform-target-redundant';
import { describeRule, hitsOf } from '../testing';
import { analyzeDockerfile } from '../../dockerfile/analyze';

// DL3065's documented cases.
describeRule(rule, {
  catches: [
    'FROM --platform=$TARGETPLATFORM alpine:3.24',
    'FROM --platform=${TARGETPLATFORM} alpine:3.24',
  ],
  passes: [
    'FROM alpine:3.24',
    'FROM --platform=$FOOBAR alpine:3.24',
    'FROM --platform=foobar alpine:3.24',
    'FROM --platform=foobar/arm64 alpine:3.24',
    'FROM --platform=$BUILDPLATFORM golang:1.26 AS build',
  ],
});

it('drops the flag in the suggested Dockerfile', () => {
  expect(
    hitsOf(rule, 'FROM --platform=$TARGETPLATFORM alpine:3.22'),
  ).toHaveLength(1);
  const result = analyzeDockerfile({
    location: 'Dockerfile',
    content: 'FROM --platform=$TARGETPLATFORM alpine:3.22 AS app\nUSER 1000\n',
  });
  expect(result.suggestedDockerfile).toMatch(/^FROM alpine:3\.22 AS app\n/);
});
