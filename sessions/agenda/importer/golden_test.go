package importer

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"
	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

// readDashboard decodes a recorded GET /api/v1/dashboard/{id} body.
func readDashboard(t *testing.T, name string) datadogV1.Dashboard {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "datadog", name))
	if err != nil {
		t.Fatal(err)
	}
	var d datadogV1.Dashboard
	if err := json.Unmarshal(b, &d); err != nil {
		t.Fatal(err)
	}
	return d
}

func readFixture(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", path))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// parsed is the agenda a generated file loads as, which must also pass the
// JSON Schema editors check it with.
func parsed(t *testing.T, data []byte) *agenda.Agenda {
	t.Helper()
	a, err := agenda.Parse("agenda.yaml", data, t.TempDir())
	if err != nil {
		t.Fatalf("does not validate: %v\n%s", err, data)
	}
	f, err := os.Open("../../../agenda.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("agenda.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("agenda.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Validate(inst); err != nil {
		t.Errorf("the schema rejects it: %v", err)
	}
	return a
}
