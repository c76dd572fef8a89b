import { rule } from './toolchain-final-stage';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM golang:1.22\nCOPY --from=build /app /app',
    'FROM maven:3.9-eclipse-temurin-21\nCMD ["mvn","-v"]',
  ],
  passes: [
    'FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12\nCOPY --from=build /app /app',
    'FROM golang:1.22\nRUN go build -o /app .',
    'FROM eclipse-temurin:21-jre',
  ],
});
