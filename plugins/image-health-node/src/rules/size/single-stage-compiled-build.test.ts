import { rule } from './single-stage-compiled-build';
import { describeRule } from '../testing';

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
  ],
});
