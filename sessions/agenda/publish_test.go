package agenda

import (
	"os"
	"reflect"
	"testing"
)

func TestParseTargetReadsDatadogAndGitHubRepositories(t *testing.T) {
	good := map[string]Target{
		"datadog":                 {Kind: TargetDatadog},
		" Datadog ":               {Kind: TargetDatadog},
		"github:acme/checkout":    {Kind: TargetGitHub, Repo: "acme/checkout"},
		"github:a-b/c.d_e-f":      {Kind: TargetGitHub, Repo: "a-b/c.d_e-f"},
		"github:nagame-dev/x.git": {Kind: TargetGitHub, Repo: "nagame-dev/x.git"},
	}
	for in, want := range good {
		got, err := ParseTarget(in)
		if err != nil || got != want {
			t.Errorf("ParseTarget(%q) = %+v, %v; want %+v", in, got, err, want)
		}
		if again, _ := ParseTarget(got.String()); again != want {
			t.Errorf("%q does not read back: %+v", got.String(), again)
		}
	}
	for _, in := range []string{"", "gitlab:a/b", "github:", "github:acme", "github:/x", "github:-a/b", "github:a/b/c", "github:a/..", "github:a b/c"} {
		if got, err := ParseTarget(in); err == nil {
			t.Errorf("ParseTarget(%q) = %+v, want an error", in, got)
		}
	}
}

func TestAgendaPublishAndGitHubKeys(t *testing.T) {
	data, err := os.ReadFile("testdata/agendas/valid/publish.yaml")
	if err != nil {
		t.Fatal(err)
	}
	a, err := Parse("publish.yaml", data, "")
	if err != nil {
		t.Fatal(err)
	}
	wantTargets := []Target{{Kind: TargetDatadog}, {Kind: TargetGitHub, Repo: "acme/checkout"}}
	if !reflect.DeepEqual(a.Publish, wantTargets) {
		t.Errorf("Publish = %+v, want %+v", a.Publish, wantTargets)
	}
	want := GitHubOptions{Assignees: map[string]string{"Aiko": "aiko-gh", "Ben": "ben"}, Labels: []string{"nagame", "metrics-review"}}
	if !reflect.DeepEqual(a.GitHub, want) {
		t.Errorf("GitHub = %+v, want %+v", a.GitHub, want)
	}
}

func TestAgendaWithoutGitHubKeyLabelsIssuesNagame(t *testing.T) {
	a, err := Parse("x.yaml", []byte("version: 1\ntitle: t\npanels:\n  - {id: p, kind: load, query: q}\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Publish) != 0 || !reflect.DeepEqual(a.GitHub.Labels, []string{"nagame"}) || a.GitHub.Assignees != nil {
		t.Errorf("defaults: publish %+v, github %+v", a.Publish, a.GitHub)
	}
	b, err := Parse("x.yaml", []byte("version: 1\ntitle: t\npanels:\n  - {id: p, kind: load, query: q}\ngithub: {labels: []}\n"), "")
	if err != nil {
		t.Fatal(err)
	}
	if b.GitHub.Labels == nil || len(b.GitHub.Labels) != 0 {
		t.Errorf("labels: [] should mean no labels, got %#v", b.GitHub.Labels)
	}
}
