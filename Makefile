# bcmock: build the static binary, the Docker image, and run the tests.
#
#   make build              bin/linux-<arch>/bcmock, static (CGO_ENABLED=0)
#   make image              the FROM scratch image, tagged $(IMAGE)
#   make image IMAGE=ghcr.io/acme/bcmock:0.1.0
#   make test               root module, then testkit/container (skips without Docker)

GO        ?= go
IMAGE     ?= bcmock:dev
ifeq ($(origin VERSION),undefined)
VERSION   := $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
endif
GOOS      ?= linux
ifeq ($(origin GOARCH),undefined)
GOARCH    := $(shell $(GO) env GOARCH)
endif
BIN       := bin/$(GOOS)-$(GOARCH)/bcmock
CA_BUNDLE ?= /etc/ssl/certs/ca-certificates.crt
LDFLAGS   := -s -w -X main.version=$(VERSION)

.PHONY: build image test test-container clean

build:
	CGO_ENABLED=0 GOOS=$(GOOS) GOARCH=$(GOARCH) $(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN) ./cmd/bcmock

# The CA bundle is copied into the build context (bin/ is git-ignored), not committed.
bin/ca-certificates.crt: $(CA_BUNDLE)
	@mkdir -p bin
	cp $(CA_BUNDLE) $@

image: build bin/ca-certificates.crt
	docker build --build-arg TARGETOS=$(GOOS) --build-arg TARGETARCH=$(GOARCH) \
		--build-arg VERSION=$(VERSION) -t $(IMAGE) .
	@docker image inspect -f '$(IMAGE): {{.Size}} bytes' $(IMAGE)

test:
	$(GO) test -race ./...
	$(MAKE) test-container

test-container:
	cd testkit/container && $(GO) test -race ./...

clean:
	rm -rf bin
