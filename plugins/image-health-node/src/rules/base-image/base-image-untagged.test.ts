import { rule } from './base-image-untagged';
import { describeRule } from '../testing';

// DL3006's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM ubuntu',
    'FROM ubuntu AS builder',
    'FROM ghcr.io/acme/api AS build\nFROM scratch',
    'FROM localhost:5000/acme/api',
    'FROM golang:1.22-alpine AS build\nRUN go build\nFROM node AS test\nRUN npm test\nFROM alpine:3.20',
    'ARG NAME=api\nFROM acme/$NAME',
  ],
  passes: [
    'FROM ubuntu:22.04',
    'FROM ruby:3',
    'FROM scratch',
    'FROM node:20 AS build\nFROM build',
    'FROM golang:1.22-alpine AS build\nRUN go build\nFROM build AS test\nRUN go test\nFROM alpine:3.20',
    'FROM ${IMAGE}',
    'ARG IMAGE=node:20\nFROM $IMAGE',
    'ARG VERSION=20\nFROM node:${VERSION}',
    'FROM alpine@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
  ],
});
