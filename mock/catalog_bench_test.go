package mock_test

import (
	"testing"
)

// BenchmarkCatalogProductGet is the follow-up read of a product webhook:
// GET /v3/catalog/products/{id}?include=variants,images of a product with
// five variants and two images. Compare it with BenchmarkGet (GET
// /v3/hooks/{id}) measured in the same run.
func BenchmarkCatalogProductGet(b *testing.B) {
	srv := benchServer(b)
	serve(b, srv, "POST", "/stores/abc/v3/catalog/products", `{"name":"Mug","type":"physical","weight":1,"price":9.5,
		"images":[{"image_url":"https://cdn.example.com/a.jpg","is_thumbnail":true},{"image_url":"https://cdn.example.com/b.jpg"}],
		"variants":[{"sku":"M-1","option_values":[{"option_display_name":"Size","label":"XS"}]},
		{"sku":"M-2","option_values":[{"option_display_name":"Size","label":"S"}]},
		{"sku":"M-3","option_values":[{"option_display_name":"Size","label":"M"}]},
		{"sku":"M-4","option_values":[{"option_display_name":"Size","label":"L"}]},
		{"sku":"M-5","option_values":[{"option_display_name":"Size","label":"XL"}]}]}`, 200)
	loop(b, srv, "GET", "/stores/abc/v3/catalog/products/1?include=variants,images", "", 200)
}
