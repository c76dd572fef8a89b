import { rule } from './label-key-invalid';
import { describeRule, hitsOf } from '../testing';

// DL3048's documented cases, in our own Dockerfiles.
describeRule(rule, {
  catches: [
    // Docker's reserved namespaces, also under ONBUILD
    'FROM debian:12.5\nLABEL com.docker.team="web"',
    'FROM debian:12.5\nLABEL io.docker.team="web"',
    'FROM debian:12.5\nLABEL org.dockerproject.team="web"',
    'FROM debian:12.5\nONBUILD LABEL com.docker.team="web"',
    'FROM debian:12.5\nONBUILD LABEL io.docker.team="web"',
    'FROM debian:12.5\nONBUILD LABEL org.dockerproject.team="web"',
    // characters outside the format, upper case included
    'FROM debian:12.5\nLABEL team$name="web"',
    'FROM debian:12.5\nONBUILD LABEL team$name="web"',
    'FROM debian:12.5\nLABEL Maintainer="ops@example.com"',
    // bad first or last character
    'FROM debian:12.5\nLABEL .team ="web"',
    'FROM debian:12.5\nLABEL -team ="web"',
    'FROM debian:12.5\nLABEL 9team ="web"',
    'FROM debian:12.5\nONBUILD LABEL .team="web"',
    'FROM debian:12.5\nONBUILD LABEL -team="web"',
    'FROM debian:12.5\nONBUILD LABEL 9team="web"',
    'FROM debian:12.5\nLABEL team.="web"',
    // consecutive separators
    'FROM debian:12.5\nLABEL team..name="web"',
    'FROM debian:12.5\nLABEL team--name="web"',
    'FROM debian:12.5\nONBUILD LABEL team..name="web"',
    'FROM debian:12.5\nONBUILD LABEL team--name="web"',
    'FROM debian:12.5\nLABEL Description "web base image"',
    'FROM debian:12.5\nLABEL "Org.example"="web"',
    // any bad key of several
    'FROM debian:12.5\nLABEL org.example.team="web" com.docker.x="y"',
  ],
  passes: [
    'FROM debian:12.5\nLABEL org.example-corp.team2="web"',
    'FROM debian:12.5\nLABEL team="web"',
    'FROM debian:12.5\nONBUILD LABEL org.example-corp.team2="web"',
    'FROM debian:12.5\nONBUILD LABEL team="web"',
    'FROM debian:12.5\nLABEL org.opencontainers.image.source="https://example.com/repo" maintainer="ops@example.com"',
    'FROM debian:12.5\nLABEL team_name/x="web"',
    // the older key-value form, quoted keys
    'FROM debian:12.5\nLABEL description "Web Team\'s base image"',
    'FROM debian:12.5\nLABEL "org.example.team"="web" \'org.example.tier\'=front',
    'FROM debian:12.5\nLABEL org.example.desc="two words = one value" team=web',
    // only LABEL keys are judged
    'FROM debian:12.5\nENV Team=web',
  ],
});

describe('label-key-invalid findings', () => {
  it('reports a LABEL once, naming its first bad key', () => {
    const hits = hitsOf(
      rule,
      'FROM debian:12.5\nLABEL Team="web" com.docker.x="y"\nLABEL ok="1"',
    );
    expect(hits).toHaveLength(1);
    expect(hits[0].instruction?.line).toBe(2);
    expect(hits[0].message).toContain('"Team"');
  });
});
