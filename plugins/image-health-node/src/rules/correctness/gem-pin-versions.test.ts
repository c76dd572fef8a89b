import { rule } from './gem-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';

// Cases as hadolint documents DL3028 (its wiki and spec), plus ONBUILD and exec forms.
describeRule(rule, {
  catches: [
    'FROM ruby:3.3\nRUN gem install bundler',
    'FROM ruby:3.3\nRUN gem i bundler',
    'FROM ruby:3.3\nRUN gem i bundler:1 nokogiri',
    'FROM ruby:3.3\nRUN gem install bundler:2.5.6 rails',
    'FROM ruby:3.3\nRUN apt-get update && gem install rake && echo done',
    'FROM ruby:3.3\nRUN gem install bundler --no-document',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler',
    'FROM ruby:3.3\nRUN ["gem", "install", "bundler"]',
  ],
  passes: [
    'FROM ruby:3.3\nRUN gem install bundler:1',
    'FROM ruby:3.3\nRUN gem i bundler:1 nokogiri:1',
    "FROM ruby:3.3\nRUN gem install bundler -v '2.0.1'",
    "FROM ruby:3.3\nRUN gem install bundler --version '2.0.1'",
    "FROM ruby:3.3\nRUN gem install bundler --version='2.0.1'",
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries=true',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 -- --use-system-libraries true',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries true',
    'FROM ruby:3.3\nRUN gem install bundler:2.0.1 --use-system-libraries=true',
    'FROM ruby:3.3\nONBUILD RUN gem install bundler:2.5.6',
    'FROM ruby:3.3\nRUN gem update --system',
    'FROM ruby:3.3\nRUN bundle install',
    // hadolint reads the word after any option as its value, so it does not see this gem either.
    'FROM ruby:3.3\nRUN gem install --no-document bundler',
  ],
});

describe('gem-pin-versions remediation', () => {
  it('names every unpinned gem and shows where the versions go', () => {
    const dockerfile =
      'FROM ruby:3.3\nRUN gem install bundler:2.5.6 rails --no-document rake';
    const [hit] = hitsOf(rule, dockerfile);
    // `--no-document rake`: hadolint reads every option as taking a value.
    expect(hit.message).toBe('gem install of unpinned gems: rails');
    expect(shownAfter(dockerfile, hit)).toBe(
      'RUN gem install bundler:2.5.6 rails:X.Y.Z --no-document rake',
    );
  });
});
