import { rule } from './copy-all-before-dependency-install';
import { describeRule } from '../testing';

describeRule(rule, {
  catches: [
    'FROM node:20\nWORKDIR /app\nCOPY . .\nRUN npm ci',
    'FROM python:3.12\nCOPY . /app\nRUN pip install -r /app/requirements.txt',
    'FROM golang:1.22\nCOPY . .\nRUN go mod download',
  ],
  passes: [
    'FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci\nCOPY . .',
    'FROM node:20\nCOPY . .\nRUN npm run build',
    'FROM golang:1.22\nCOPY go.mod go.sum ./\nRUN go mod download\nCOPY . .',
  ],
});
