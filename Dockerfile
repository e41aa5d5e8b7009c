# bcmock's image: a static binary built beforehand on the host and a CA
# bundle, on scratch, so building pulls nothing from a registry. Build it
# with `make image` (IMAGE=name:tag to choose the tag), which puts the
# binary in bin/${TARGETOS}-${TARGETARCH}/bcmock and the CA bundle in bin/.
FROM scratch

ARG TARGETOS=linux
ARG TARGETARCH=amd64
ARG VERSION=dev

LABEL org.opencontainers.image.source="https://github.com/bcmock/bcmock" \
      org.opencontainers.image.title="bcmock" \
      org.opencontainers.image.description="A contract-testing mock of BigCommerce's webhooks" \
      org.opencontainers.image.version="${VERSION}"

# CA certificates, for callbacks to https destinations.
COPY bin/ca-certificates.crt /etc/ssl/certs/ca-certificates.crt
COPY bin/${TARGETOS}-${TARGETARCH}/bcmock /bcmock

# nobody:nogroup; scratch has no /etc/passwd, so numeric ids.
USER 65534:65534
EXPOSE 8080
# Every interface, so that published ports and other containers reach it.
ENV BCMOCK_ADDR=:8080

# No shell in scratch: the binary checks its own health (BCMOCK_ADDR).
HEALTHCHECK --interval=5s --timeout=2s --start-period=5s --retries=3 \
    CMD ["/bcmock", "healthcheck"]

ENTRYPOINT ["/bcmock"]
CMD ["serve"]
