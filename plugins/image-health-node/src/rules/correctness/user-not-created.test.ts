import { rule } from './user-not-created';
import { describeRule, hitsOf } from '../testing';

describeRule(rule, {
  catches: [
    // node has `node`, not `app` (issue 13: missed on a real file).
    'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=app:app . .\nCMD ["node", "index.js"]',
    'FROM python:3.12-slim\nCOPY . /app\nUSER appuser\nCMD ["python", "/app/main.py"]',
    'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM scratch\nCOPY --from=build /out/app /app\nUSER app\nENTRYPOINT ["/app"]',
    // The user created is another one.
    'FROM debian:12-slim\nRUN useradd -r appuser\nUSER app',
  ],
  passes: [
    'FROM node:20-slim\nCOPY --chown=node:node . /app\nUSER node',
    'FROM python:3.12-slim\nRUN useradd -m appuser\nCOPY --chown=appuser . /app\nUSER appuser',
    'FROM alpine:3.20\nRUN addgroup -S app && adduser -S -G app app\nUSER app',
    'FROM node:20-slim\nUSER 10001:10001',
    'FROM node:20-slim\nCOPY --chown=1000:1000 . /app',
    'FROM nginx:1.27\nUSER nginx',
    'FROM postgres:16\nUSER postgres',
    'FROM mcr.microsoft.com/dotnet/aspnet:8.0\nUSER app',
    // Something in the chain may have added it.
    'FROM debian:12-slim\nRUN apt-get update && apt-get install -y postgresql\nUSER postgres',
    'FROM debian:12-slim\nCOPY setup.sh /\nRUN /setup.sh\nUSER app',
    'FROM debian:12-slim\nRUN sh /tmp/users.sh\nUSER app',
    'FROM debian:12-slim\nRUN useradd -m "$APP_USER"\nUSER app',
    'FROM golang:1.22 AS build\nFROM scratch\nCOPY --from=build /etc/passwd /etc/passwd\nUSER app',
    'FROM debian:12-slim AS base\nRUN useradd app\nFROM base\nUSER app',
    // Images the tables do not know may have any account.
    'FROM registry.example.com/base/java:21\nUSER app',
    'FROM bitnami/node:20\nUSER app',
    'ARG BASE=node:20\nFROM $BASE\nUSER app',
    'FROM node:20-slim\nUSER $APP_USER',
  ],
});

describe('user-not-created message', () => {
  it('says where the user is named and what the base has', () => {
    const [hit] = hitsOf(
      rule,
      'FROM node:20-slim\nCOPY --chown=app:app . /app',
    );
    expect(hit.message).toBe(
      'COPY --chown names user app, which node:20-slim does not have and this stage never creates',
    );
  });
});
