import { rule } from './single-stage-compiled-build';
import { describeRule, hitsOf } from '../testing';
import { corpusFile } from '../../quality/corpus';
import { rule as buildTools } from './build-tools-in-final-stage';

describeRule(rule, {
  catches: [
    'FROM golang:1.21\nWORKDIR /app\nCOPY . .\nRUN CGO_ENABLED=0 go build -o main .\nCMD ["./main"]',
    'FROM rust:1.79\nRUN cargo build --release',
    'FROM maven:3\nRUN mvn -B package',
  ],
  passes: [
    'FROM golang:1.21 AS b\nRUN go build -o /m .\nFROM scratch\nCOPY --from=b /m /m',
    'FROM node:20-alpine\nRUN npm ci',
    'FROM golang:1.21\nRUN go version',
    // The toolchain is purged in the RUN that used it (issue 13).
    'FROM debian:12-slim\nRUN apk add --virtual .build-deps gcc make && make && apk del .build-deps',
  ],
});

describe('single-stage-compiled-build on the official nginx Dockerfile', () => {
  it('sees that the build dependencies are purged in the same RUN', () => {
    expect(
      hitsOf(
        rule,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-sample-1/Dockerfile',
        ),
      ),
    ).toEqual([]);
    expect(
      hitsOf(
        buildTools,
        corpusFile(
          'apps/BretFisher/udemy-docker-mastery/dockerfile-sample-1/Dockerfile',
        ),
      ),
    ).toEqual([]);
  });
});
