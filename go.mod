module github.com/bcmock/bcmock

go 1.26

require (
	github.com/brianvoe/gofakeit/v6 v6.28.0 // indirect
	github.com/getkin/kin-openapi v0.153.0 // indirect
	github.com/gorilla/mux v1.8.1 // indirect
	github.com/standard-webhooks/standard-webhooks/libraries v0.0.1 // indirect
	go.yaml.in/yaml/v3 v3.0.6 // indirect
)
