import { rule } from './npm-pin-versions';
import { describeRule } from '../testing';

// DL3016's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    'FROM node:20\nRUN npm install express',
    'FROM node:20\nRUN npm install @acme/ui',
    'FROM node:20\nRUN npm install lodash express@4.19.2',
    'FROM node:20\nRUN npm install --global typescript',
    'FROM node:20\nRUN npm install -g @angular/cli',
    'FROM node:20\nRUN npm install git+ssh://git@github.com:acme/tool.git',
    'FROM node:20\nRUN npm install git+http://github.com/acme/tool',
    'FROM node:20\nRUN npm install git+https://github.com/acme/tool.git',
    'FROM node:20\nRUN npm install git://github.com/acme/tool.git',
    'FROM node:20\nRUN npm install --registry https://npm.example.com express',
    'FROM node:20\nRUN npm install --registry=https://npm.example.com express',
    'FROM node:20\nONBUILD RUN npm install express',
  ],
  passes: [
    'FROM node:20\nRUN npm install',
    'FROM node:20\nRUN npm install --progress=false',
    'FROM node:20\nRUN npm install express@4.19.2',
    'FROM node:20\nRUN npm install @angular/cli@17.0.0',
    'FROM node:20\nRUN npm install @acme/ui@">=1.0.0 <2.0.0"',
    'FROM node:20\nRUN npm install express@"4.19.2" lodash@4.17.21',
    'FROM node:20\nRUN npm install --global typescript@"5.6.3"',
    'FROM node:20\nRUN npm install -g typescript@5.6.3',
    'FROM node:20\nRUN npm install app-1.2.3.tar',
    'FROM node:20\nRUN npm install app-1.2.3.tar.gz',
    'FROM node:20\nRUN npm install app-1.2.3.tgz',
    'FROM node:20\nRUN npm install /src/lib',
    'FROM node:20\nRUN npm install ./lib',
    'FROM node:20\nRUN npm install ../lib',
    'FROM node:20\nRUN npm install ~/lib',
    'FROM node:20\nRUN npm install git+ssh://git@github.com:acme/tool.git#v1.0.2',
    'FROM node:20\nRUN npm install git+http://github.com/acme/tool#semver:^5.0',
    'FROM node:20\nRUN npm install git+https://github.com/acme/tool.git#v1.0.2',
    'FROM node:20\nRUN npm install git://github.com/acme/tool.git#v1.0.2',
    'FROM node:20\nRUN npm run --silent install',
    'FROM node:20\nRUN npm install --loglevel verbose lodash@4.17.21',
    'FROM node:20\nRUN npm install --registry https://npm.example.com lodash@4.17.21',
  ],
});
