// Package inspector serves the inspector page under /__bcmock/ui/: plain
// HTML, CSS and JavaScript embedded in the binary, which read the control
// API's JSON endpoints from the browser. Nothing is fetched from anywhere
// else, so the page works offline and in the FROM scratch image.
package inspector

import (
	"embed"
	"net/http"
	"strings"

	"github.com/bcmock/bcmock/mock/adminapi"
)

//go:embed ui/index.html ui/app.js ui/style.css
var files embed.FS

// Path is the page's address; Prefix claims it and its files.
const (
	Path   = adminapi.InspectorPath
	Prefix = adminapi.Prefix + "/ui"
)

// Claims reports whether path is the page's: /__bcmock/ui or under /__bcmock/ui/.
func Claims(path string) bool {
	return path == Prefix || strings.HasPrefix(path, Prefix+"/")
}

// asset is one embedded file and its media type.
type asset struct {
	body        []byte
	contentType string
}

// Handler serves the page: /__bcmock/ui and /__bcmock/ui/ answer the same
// index.html (its links are absolute, so neither needs a redirect), the
// files beside it answer themselves, anything else is 404. Only GET and
// HEAD are allowed.
func Handler() http.Handler {
	assets := map[string]asset{}
	for name, ct := range map[string]string{
		"index.html": "text/html; charset=utf-8",
		"app.js":     "text/javascript; charset=utf-8",
		"style.css":  "text/css; charset=utf-8",
	} {
		b, _ := files.ReadFile("ui/" + name) // go:embed names each file: the build fails without it
		assets[name] = asset{body: b, contentType: ct}
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		name := strings.TrimPrefix(strings.TrimPrefix(r.URL.Path, Prefix), "/")
		if name == "" {
			name = "index.html"
		}
		a, ok := assets[name]
		if !ok {
			http.Error(w, "no such file of the inspector page", http.StatusNotFound)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			w.Header().Set("Allow", "GET, HEAD")
			http.Error(w, "the inspector page is read with GET", http.StatusMethodNotAllowed)
			return
		}
		h := w.Header()
		h.Set("Content-Type", a.contentType)
		h.Set("Cache-Control", "no-cache")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'")
		if r.Method == http.MethodHead {
			return
		}
		_, _ = w.Write(a.body)
	})
}
