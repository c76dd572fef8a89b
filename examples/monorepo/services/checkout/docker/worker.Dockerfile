# checkout's retry worker, still built the old way: the whole Go toolchain
# and the sources ship in the image, and it runs as root.
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /usr/local/bin/checkout-worker ./cmd/worker
CMD ["checkout-worker"]
