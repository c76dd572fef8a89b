import { rule } from './go-pin-versions';
import { describeRule, hitsOf, shownAfter } from '../testing';

// Cases as hadolint documents DL3062 (its README and spec), plus real-world forms.
describeRule(rule, {
  catches: [
    'FROM golang:1.22\nRUN go install example.com/pkg',
    'FROM golang:1.22\nRUN go install example.com/pkg@latest',
    'FROM golang:1.22\nRUN go install -ldflags "-s -w" golang.org/x/tools/cmd/goimports@latest',
    'FROM golang:1.22\nRUN go install example.com/a@v1.2.3 example.com/b@latest',
    'FROM golang:1.22\nRUN go get example.com/pkg',
    'FROM golang:1.22\nRUN go get example.com/pkg@latest',
    'FROM golang:1.22\nRUN go get -tool foobar',
    'FROM golang:1.22\nRUN go get -tool foobar@latest',
    'FROM golang:1.22\nRUN go run example.com/pkg',
    'FROM golang:1.22\nRUN go run example.com/pkg@latest',
    'FROM golang:1.22\nONBUILD RUN go install example.com/pkg@latest',
    'FROM golang:1.22\nRUN ["go", "install", "example.com/pkg@latest"]',
  ],
  passes: [
    'FROM golang:1.22\nRUN go install example.com/pkg@v1.2.3',
    'FROM golang:1.22\nRUN go install /go/app/foobar',
    'FROM golang:1.22\nRUN go install ./app/foobar',
    'FROM golang:1.22\nRUN go install .',
    'FROM golang:1.22\nRUN go install ./...',
    'FROM golang:1.22\nRUN go install',
    'FROM golang:1.22\nRUN go get example.com/pkg@v1.2.3',
    'FROM golang:1.22\nRUN go get -tool foobar@v1.2.3',
    'FROM golang:1.22\nRUN go get -d -v ./...',
    'FROM golang:1.22\nRUN go run example.com/pkg@v1.2.3 -f',
    'FROM golang:1.22\nRUN go run example.com/pkg@v1.2.3 --foobar',
    'FROM golang:1.22\nRUN go run example.com/pkg@v1.2.3 foobar',
    'FROM golang:1.22\nRUN go run example.com/pkg@v1.2.3 --foo bar',
    'FROM golang:1.22\nRUN go run /go/app/foobar',
    'FROM golang:1.22\nRUN go run ./app/foobar',
    'FROM golang:1.22\nRUN go run .',
    'FROM golang:1.22\nRUN go mod download && go build -o /app .',
    'FROM golang:1.22\nONBUILD RUN go install example.com/pkg@v1.2.3',
  ],
});

describe('go-pin-versions remediation', () => {
  it('names the packages and shows where the version goes', () => {
    const dockerfile =
      'FROM golang:1.22\nRUN go install github.com/go-delve/delve/cmd/dlv@latest && go install example.com/x@v1.0.0';
    const [hit] = hitsOf(rule, dockerfile);
    expect(hit.message).toBe(
      'go install without a pinned version: github.com/go-delve/delve/cmd/dlv@latest',
    );
    expect(shownAfter(dockerfile, hit)).toBe(
      'RUN go install github.com/go-delve/delve/cmd/dlv@vX.Y.Z && go install example.com/x@v1.0.0',
    );
  });

  it('reads only the package of a go run, not its arguments, as hadolint does', () => {
    expect(
      hitsOf(
        rule,
        'FROM golang:1.22\nRUN go run ./gen && go install example.com/pkg',
      ),
    ).toEqual([]);
  });
});
