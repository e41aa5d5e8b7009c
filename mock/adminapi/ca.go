package adminapi

import (
	"context"
	"fmt"
	"io"
	"net/http"
)

// CAPath is where the control API serves the TLS face's CA certificate.
const CAPath = Prefix + "/ca.pem"

// PEMMediaType is the media type of CAPath's answer.
const PEMMediaType = "application/x-pem-file"

// maxCA bounds the CA certificate read.
const maxCA = 64 << 10

// CA returns the PEM certificate of the CA that signs the mock's
// certificates for BigCommerce's hosts (its TLS face), to trust in a
// client. A mock whose TLS face is off answers 404, an *Error.
func (c *Client) CA(ctx context.Context) ([]byte, error) {
	target := c.base + CAPath
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, target, nil)
	if err != nil {
		return nil, fmt.Errorf("get ca: build request: %w", err)
	}
	req.Header.Set("Accept", PEMMediaType)
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("get ca: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("get ca: %w", answerError(resp, http.MethodGet, target))
	}
	pem, err := io.ReadAll(io.LimitReader(resp.Body, maxCA))
	if err != nil {
		return nil, fmt.Errorf("get ca: read %s: %w", target, err)
	}
	return pem, nil
}
