import { rule } from './dockerignore-missing';
import { catches } from '../testing';

describe('dockerignore-missing', () => {
  const copiesAll = 'FROM node:20\nCOPY . .\nRUN npm ci';
  it('catches a COPY . . with no .dockerignore', () => {
    expect(catches(rule, copiesAll, null)).toBe(true);
  });
  it('passes when a .dockerignore exists', () => {
    expect(catches(rule, copiesAll, '.git\nnode_modules\n')).toBe(false);
  });
  it('passes when nobody knows whether one exists', () => {
    expect(catches(rule, copiesAll, undefined)).toBe(false);
  });
  it('passes when only named files are copied', () => {
    expect(
      catches(rule, 'FROM node:20\nCOPY package.json index.js ./', null),
    ).toBe(false);
  });
});
