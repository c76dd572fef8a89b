import { rule } from './onbuild-forbidden-trigger';
import { describeRule } from '../testing';

// DL3043's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20.11\nONBUILD ONBUILD RUN npm ci',
    'FROM node:20.11\nONBUILD FROM node:20.11-slim',
    'FROM node:20.11\nONBUILD MAINTAINER "Ops Team <ops@example.com>"',
    'FROM node:20.11\nonbuild from node:20.11-slim',
  ],
  passes: [
    'FROM node:20.11\nONBUILD ADD app.tar.gz /srv',
    'FROM node:20.11\nONBUILD USER node',
    'FROM node:20.11\nONBUILD LABEL team="ops"',
    'FROM node:20.11\nONBUILD STOPSIGNAL SIGTERM',
    'FROM node:20.11\nONBUILD COPY . /srv/app',
    'FROM node:20.11\nONBUILD RUN npm ci',
    'FROM node:20.11\nONBUILD CMD ["node", "server.js"]',
    'FROM node:20.11\nONBUILD SHELL ["/bin/bash", "-c"]',
    'FROM node:20.11\nONBUILD WORKDIR /srv/app',
    'FROM node:20.11\nONBUILD EXPOSE 3000',
    'FROM node:20.11\nONBUILD VOLUME /data',
    'FROM node:20.11\nONBUILD ENTRYPOINT ["node"]',
    'FROM node:20.11\nONBUILD ENV NODE_ENV="production"',
    'FROM node:20.11\nONBUILD ARG NODE_VERSION',
    'FROM node:20.11\nONBUILD HEALTHCHECK NONE',
    'FROM node:20.11',
    'FROM node:20.11\nMAINTAINER "Ops Team <ops@example.com>"',
  ],
});
