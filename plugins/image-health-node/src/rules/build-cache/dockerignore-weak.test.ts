import { rule } from './dockerignore-weak';
import { catches, hitsOf } from '../testing';

describe('dockerignore-weak', () => {
  const copiesAll = 'FROM node:20\nCOPY . .';
  it('catches a .dockerignore that lets .git and .env in', () => {
    const [hit] = hitsOf(rule, copiesAll, 'node_modules\n');
    expect(hit.message).toContain('.git');
    expect(hit.message).toContain('.env');
    expect(hit.after).toBe('node_modules\n.git\n.env');
  });
  it('catches a re-included path', () => {
    expect(catches(rule, copiesAll, '.git\nnode_modules\n.env\n!.env')).toBe(
      true,
    );
  });
  it('passes a .dockerignore covering them, with globs', () => {
    expect(catches(rule, copiesAll, '**/.git\nnode_modules/\n.env*')).toBe(
      false,
    );
  });
  it('still answers for a hostile line of 40 stars then x', () => {
    const [hit] = hitsOf(rule, copiesAll, `${'*'.repeat(40)}x\n.env`);
    expect(hit.message).toBe(
      '.dockerignore does not exclude .git, node_modules',
    );
  });
});
