import { analyzeDockerfile } from './index';

const MB = 1024 * 1024;

function estimateOf(content: string) {
  return analyzeDockerfile({ location: 'Dockerfile', content })
    .finalBaseEstimate;
}

describe('finalBaseEstimate', () => {
  it('estimates a Go service shipped on the full golang image', () => {
    expect(estimateOf('FROM golang:1.21\nRUN go build -o /main .\n')).toEqual({
      image: 'golang:1.21',
      compressedBytes: 300 * MB,
    });
  });

  it('follows the final stage to scratch, which weighs nothing', () => {
    const content =
      'FROM golang:1.21-alpine AS builder\nRUN go build -o /main .\nFROM scratch\nCOPY --from=builder /main /main\n';
    expect(estimateOf(content)).toEqual({
      image: 'scratch',
      compressedBytes: 0,
    });
  });

  it('uses the variant size for slim and alpine tags', () => {
    expect(estimateOf('FROM node:18-alpine\n')?.compressedBytes).toBe(55 * MB);
    expect(
      estimateOf('FROM python:3.11-slim-bookworm\n')?.compressedBytes,
    ).toBe(45 * MB);
  });

  it('follows FROM <earlier stage> to its image', () => {
    const content =
      'FROM node:18 AS base\nFROM base AS runtime\nCMD ["node"]\n';
    expect(estimateOf(content)?.image).toBe('node:18');
  });

  it('gives no estimate for an image the table does not know', () => {
    expect(estimateOf('FROM ghcr.io/acme/base:1\n')).toBeUndefined();
    expect(estimateOf('FROM alpine:3.19\n')).toBeUndefined();
  });
});
