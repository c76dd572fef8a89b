import { rule } from './copy-relative-without-workdir';
import { describeRule, hitsOf } from '../testing';

// DL3045's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20.11\nCOPY package.json package.json',
    'FROM node:20.11\nCOPY package.json "package.json"',
    'FROM node:20.11\nCOPY ["server.js", "app/"]',
    'FROM node:20.11\nCOPY --chown=node:node . src',
    'COPY a b',
    // A WORKDIR in another stage of the same image does not count.
    'FROM node:20.11 AS deps\nWORKDIR /app\nFROM node:20.11\nCOPY package.json package.json',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS deps\nWORKDIR C:\\app\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe app.exe',
    // ADD is not judged, ONBUILD COPY is not, COPY still is.
    'FROM node:20.11\nONBUILD WORKDIR /app\nCOPY package.json package.json',
  ],
  passes: [
    'FROM node:20.11\nCOPY entrypoint.sh /usr/local/bin/entrypoint.sh',
    'FROM node:20.11\nCOPY entrypoint.sh "/usr/local/bin/entrypoint.sh"',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe C:\\app\\app.exe',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe "d:\\app\\app.exe"',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCOPY app.exe c:/app/app.exe',
    'FROM node:20.11\nWORKDIR /app\nCOPY package.json package.json',
    'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nWORKDIR C:\\app\nCOPY app.exe app.exe',
    'FROM node:20.11\nCOPY server.js ${APP_HOME}',
    'FROM node:20.11\nCOPY server.js $APP_HOME',
    'FROM node:20.11\nCOPY server.js "${APP_HOME}"',
    'FROM node:20.11\nCOPY server.js "$APP_HOME"',
    'FROM node:20.11\nADD server.js server.js',
    // The WORKDIR of a stage is inherited through FROM <stage>, however deep.
    'FROM node:20.11 AS base\nWORKDIR /app\nFROM node:20.11 AS tools\nRUN npm i -g pnpm@9.0.0\nFROM base\nCOPY package.json package.json',
    'FROM node:20.11 AS base\nWORKDIR /app\nFROM base AS deps\nRUN npm ci\nFROM deps\nCOPY . .',
    'FROM node:20.11\nONBUILD WORKDIR /app\nONBUILD COPY . .',
    // Unnamed stages are known by their image's name: a second FROM of it finds the WORKDIR.
    'FROM node:20.11\nWORKDIR /app\nRUN npm ci\nFROM node:20.11\nCOPY . .',
  ],
});

describe('copy-relative-without-workdir findings', () => {
  it('shows the user’s COPY under a WORKDIR', () => {
    const [hit] = hitsOf(rule, 'FROM node:20.11\nCOPY --link . app');
    expect(hit.message).toBe('COPY to app without a WORKDIR in this stage');
    expect(hit.after).toBe('WORKDIR /app\nCOPY --link . app');
  });
});
