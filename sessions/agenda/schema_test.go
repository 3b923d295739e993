package agenda

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"
)

var updateGolden = flag.Bool("update-agendas", false, "rewrite the .err golden files of testdata/agendas/invalid")

const schemaPath = "../../agenda.schema.json"

// compileSchema compiles agenda.schema.json, which also checks it against
// the draft 2020-12 meta-schema.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open(schemaPath)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = f.Close() }()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatalf("%s is not JSON: %v", schemaPath, err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("agenda.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	s, err := c.Compile("agenda.schema.json")
	if err != nil {
		t.Fatalf("compile %s: %v", schemaPath, err)
	}
	return s
}

// schemaErr validates agenda YAML against the schema, as an editor would
// see it: converted to JSON.
func schemaErr(t *testing.T, s *jsonschema.Schema, data []byte) error {
	t.Helper()
	js, err := yaml.YAMLToJSON(data)
	if err != nil {
		t.Fatalf("YAML to JSON: %v", err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatalf("JSON of the agenda: %v", err)
	}
	return s.Validate(inst)
}

// validAgendas are every example users copy and every valid agenda of the
// tests; examples other people add later are checked without a change here.
func validAgendas(t *testing.T) []string {
	t.Helper()
	var paths []string
	for _, pattern := range []string{"../../examples/*.yaml", "testdata/agendas/valid/*.yaml"} {
		m, err := filepath.Glob(pattern)
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, m...)
	}
	if len(paths) < 4 {
		t.Fatalf("found only %v: the globs are wrong", paths)
	}
	return paths
}

func TestValidAgendasPassDecoderAndSchema(t *testing.T) {
	s := compileSchema(t)
	for _, path := range validAgendas(t) {
		t.Run(path, func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := Parse(filepath.Base(path), data, filepath.Dir(path)); err != nil {
				t.Errorf("decoder rejects it:\n%v", err)
			}
			if err := schemaErr(t, s, data); err != nil {
				t.Errorf("schema rejects it:\n%v", err)
			}
		})
	}
}

// cannotExpress marks an invalid agenda whose problem the schema cannot
// state (it spans keys): the decoder must reject it, and the schema is
// expected to accept it, so that the mark is removed if the schema learns.
const cannotExpress = "# schema: cannot express"

func TestInvalidAgendasFailDecoderAndSchema(t *testing.T) {
	s := compileSchema(t)
	paths, err := filepath.Glob("testdata/agendas/invalid/*.yaml")
	if err != nil || len(paths) == 0 {
		t.Fatalf("no invalid agendas: %v", err)
	}
	for _, path := range paths {
		t.Run(filepath.Base(path), func(t *testing.T) {
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			_, perr := Parse(filepath.Base(path), data, "")
			if perr == nil {
				t.Fatal("decoder accepts it")
			}
			checkGolden(t, strings.TrimSuffix(path, ".yaml")+".err", perr.Error()+"\n")

			serr := schemaErr(t, s, data)
			if bytes.HasPrefix(data, []byte(cannotExpress)) {
				if serr != nil {
					t.Errorf("marked %q but the schema rejects it; remove the mark:\n%v", cannotExpress, serr)
				}
				return
			}
			if serr == nil {
				t.Errorf("schema accepts it; the decoder says:\n%v", perr)
			}
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *updateGolden {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run %s -update-agendas to create it)", err, t.Name())
	}
	if got != string(want) {
		t.Errorf("errors differ from %s:\n got: %s\nwant: %s", path, got, want)
	}
}
