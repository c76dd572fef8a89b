import { rule } from './expose-undefined-variable';
import { describeRule, hitsOf } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20-slim\nEXPOSE ${PORT}',
    'FROM node:20-slim\nEXPOSE $PORT/tcp',
    // A global ARG is not in scope in a stage until the stage declares it again.
    'ARG PORT=8080\nFROM python:3.12-slim\nEXPOSE $PORT',
    // An ARG of the base stage does not reach the stage built on it.
    'FROM node:20-slim AS base\nARG PORT=3000\nFROM base\nEXPOSE ${PORT}',
    'FROM scratch\nEXPOSE ${PORT}',
  ],
  passes: [
    'FROM node:20-slim\nARG PORT=3000\nEXPOSE ${PORT}',
    'FROM node:20-slim\nENV PORT 3000\nEXPOSE $PORT',
    'ARG PORT=8080\nFROM python:3.12-slim\nARG PORT\nEXPOSE $PORT',
    'FROM node:20-slim AS base\nENV PORT=3000\nFROM base\nEXPOSE ${PORT}',
    'FROM node:20-slim\nEXPOSE ${PORT:-3000}',
    // An image whose environment is unknown may set it.
    'FROM registry.example.com/platform/node-base:3\nEXPOSE ${PORT}',
    'FROM heroku/heroku:22\nEXPOSE $PORT',
    'ARG BASE=node:20\nFROM $BASE\nEXPOSE $PORT',
    'FROM node:20-slim\nEXPOSE 3000',
  ],
});

describe('expose-undefined-variable advice', () => {
  it('names the variable and declares it before EXPOSE', () => {
    const [hit] = hitsOf(rule, 'FROM node:20-slim\nEXPOSE ${PORT}');
    expect(hit.message).toBe(
      'EXPOSE ${PORT}: no ARG or ENV before it defines PORT, and node:20-slim does not set it, so it expands to nothing',
    );
    expect(hit.after).toBe('ARG PORT=8080\nEXPOSE ${PORT}');
  });

  it('reads an ENV that comes after EXPOSE as too late', () => {
    expect(
      hitsOf(rule, 'FROM node:20-slim\nEXPOSE $PORT\nENV PORT=3000'),
    ).toHaveLength(1);
  });
});
