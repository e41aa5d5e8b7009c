package bigcommerce

import (
	"errors"
	"net"
	"net/url"
	"path"
	"strings"
	"unicode/utf8"
)

// ErrNotHTTPURL is ParseDestination's error: the text is not an absolute
// http or https URL with a host.
var ErrNotHTTPURL = errors.New("must be an absolute http(s) URL")

// Destination is a hook's destination URL, parsed once so that the rules
// about it (BigCommerce's production rule, the blocklist's domain, the
// origin reports name) are read from one value.
type Destination struct {
	// URL is the destination as written.
	URL string
	// Scheme is "http" or "https".
	Scheme string
	// Host is the lower-case host[:port] as written, the blocklist's key:
	// "example.com", "example.com:8443", "[::1]:9000".
	Host string
	// Hostname is Host without its port or IPv6 brackets.
	Hostname string
	// Port is the port as written, or "" when the URL gives none.
	Port string
	// Path is the URL's path, decoded and cleaned ("/a/../b" is "/b"), as
	// the server at Host will route it.
	Path string
}

// ParseDestination reads an absolute http(s) URL. Anything else is
// ErrNotHTTPURL: a destination the mock cannot deliver to.
func ParseDestination(raw string) (Destination, error) {
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return Destination{}, ErrNotHTTPURL
	}
	if !utf8.ValidString(raw) {
		return Destination{}, ErrNotHTTPURL
	}
	return Destination{
		URL: raw, Scheme: u.Scheme, Host: strings.ToLower(u.Host),
		Hostname: strings.ToLower(u.Hostname()), Port: u.Port(), Path: path.Clean("/" + u.Path),
	}, nil
}

// defaultPorts are the ports an origin leaves out, by scheme.
var defaultPorts = map[string]string{"http": "80", "https": "443"}

// Origin returns scheme://host[:port] as web origins are written: lower
// case, with the scheme's default port left out ("https://example.com",
// "http://127.0.0.1:8080"). The blocklist names blocked domains this way.
func (d Destination) Origin() string {
	host := d.Hostname
	if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	if d.Port != "" && d.Port != defaultPorts[d.Scheme] {
		host = net.JoinHostPort(d.Hostname, d.Port)
	}
	return d.Scheme + "://" + host
}

// ProductionProblem says why production BigCommerce would refuse d (it
// delivers only to https on port 443), or returns "" when it would not.
func (d Destination) ProductionProblem() string {
	if d.Scheme == "https" && (d.Port == "" || d.Port == "443") {
		return ""
	}
	return "BigCommerce accepts only https destinations on port 443 (got " + d.Origin() + ")"
}

// Origin returns the origin of raw as Destination.Origin writes it, or
// raw itself when it is not an absolute http(s) URL.
func Origin(raw string) string {
	d, err := ParseDestination(raw)
	if err != nil {
		return raw
	}
	return d.Origin()
}
