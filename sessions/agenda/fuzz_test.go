package agenda

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse feeds the loader arbitrary bytes, starting from every
// example and test agenda. It must never panic; a failure is always
// Errors whose entries point into the file; a success is an agenda
// the rest of nagame can rely on.
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"../../examples/*.yaml", "testdata/agendas/*/*.yaml", "testdata/hostile.yaml"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, p := range paths {
			data, err := os.ReadFile(p)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := Parse("f.yaml", data, "")
		if err != nil {
			var list Errors
			if !errors.As(err, &list) {
				t.Fatalf("error is %T, want Errors: %v", err, err)
			}
			if len(list) == 0 || len(list) > maxAgendaErrors+1 {
				t.Fatalf("%d problems, want 1 to %d (and one that counts the rest)", len(list), maxAgendaErrors)
			}
			for _, e := range list {
				if e.Line < 1 || e.Col < 1 || e.File != "f.yaml" || e.Msg == "" {
					t.Fatalf("badly placed problem %+v", *e)
				}
			}
			return
		}
		checkAgendaInvariants(t, a)
	})
}

// checkAgendaInvariants states what callers of Parse may assume of
// an agenda it accepted.
func checkAgendaInvariants(t *testing.T, a *Agenda) {
	t.Helper()
	if a == nil || a.Version != Version || a.Title == "" || len(a.Panels) == 0 {
		t.Fatalf("accepted agenda lacks version, title or panels: %+v", a)
	}
	if a.Duration <= 0 || (a.Window.Last <= 0 && !a.Window.From.Before(a.Window.To)) {
		t.Fatalf("accepted agenda has duration %v, window %+v", a.Duration, a.Window)
	}
	if len(a.SourceNames) != len(a.Sources) {
		t.Fatalf("SourceNames %v but %d sources", a.SourceNames, len(a.Sources))
	}
	ids := map[string]bool{}
	for _, p := range a.Panels {
		if ids[p.ID] || p.ID == "" || p.Kind == "" || p.Line < 1 || p.Col < 1 {
			t.Fatalf("panel %+v: duplicate, unnamed, without kind or position", p)
		}
		ids[p.ID] = true
		if _, ok := a.Sources[p.Source]; !ok {
			t.Fatalf("panel %s reads source %q, which the agenda lacks", p.ID, p.Source)
		}
		if (p.Kind == "slo") != (p.SLO != "") || (p.Kind != "slo" && p.Query == "") {
			t.Fatalf("panel %s of kind %s: query %q, slo %q", p.ID, p.Kind, p.Query, p.SLO)
		}
		if p.Top < 1 || p.Top > maxTop {
			t.Fatalf("panel %s: top %d", p.ID, p.Top)
		}
		if o := p.Objective; o != nil && o.SLO == "" && !(o.Target > 0 && o.Target < 1) {
			t.Fatalf("panel %s: objective target %v", p.ID, o.Target)
		}
	}
}
