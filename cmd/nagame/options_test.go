package main

import (
	"errors"
	"io"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"
)

// parse runs the command newCmd makes (with a runF that only keeps its
// options) on args, and returns what the flags and arguments made of the
// options; nil when the command did not get as far as running.
func parse[O any](t *testing.T, f *factory, newCmd func(*factory, func(*O) error) *cobra.Command, args ...string) (*O, error) {
	t.Helper()
	var got *O
	cmd := newCmd(f, func(o *O) error { got = o; return nil })
	cmd.SetArgs(args)
	cmd.SetOut(io.Discard)
	cmd.SetErr(io.Discard)
	err := cmd.Execute()
	return got, err
}

// wantOptions checks that the command newCmd makes, given args (split at
// spaces), runs with want.
func wantOptions[O any](t *testing.T, f *factory, newCmd func(*factory, func(*O) error) *cobra.Command, args string, want *O) {
	t.Helper()
	got, err := parse(t, f, newCmd, strings.Fields(args)...)
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%q: options %+v (%v), want %+v", args, got, err, want)
	}
}

// Each command's flags and arguments land in its options, beside the
// factory it was made with; the run func gets nothing else.
func TestFlagsAndArgumentsMakeTheOptions(t *testing.T) {
	f := &factory{}
	wantOptions(t, f, newRunCmd, "checkout.yaml --solo --as aiko --var env=staging --previous 2026-05-20-checkout",
		&runOptions{factory: f, agenda: "checkout.yaml", solo: true, as: "aiko", previous: "2026-05-20-checkout", vars: []string{"env=staging"}})
	wantOptions(t, f, newResumeCmd, "2026-11-22", &resumeOptions{factory: f, session: "2026-11-22"})
	wantOptions(t, f, newValidateCmd, "a.yaml b.yaml --var x=1",
		&validateOptions{factory: f, agendas: []string{"a.yaml", "b.yaml"}, vars: []string{"x=1"}})
	wantOptions(t, f, newCheckCmd, "", &checkOptions{factory: f, timeout: 2 * time.Minute})
	wantOptions(t, f, newCheckCmd, "checkout.yaml --timeout 30s", &checkOptions{factory: f, agenda: "checkout.yaml", timeout: 30 * time.Second})
	wantOptions(t, f, newSnapshotCmd, "checkout.yaml --panel latency --width 90",
		&snapshotOptions{factory: f, agenda: "checkout.yaml", width: 90, panel: "latency"})
	wantOptions(t, f, newExportCmd, "", &exportOptions{factory: f, format: "md"})
	wantOptions(t, f, newExportCmd, "2026-11 --format json -o m.json", &exportOptions{factory: f, session: "2026-11", format: "json", output: "m.json"})
	wantOptions(t, f, newSessionsCmd, "--format json", &sessionsOptions{factory: f, format: "json"})
	wantOptions(t, f, newActionsCmd, "--sync --open", &actionsOptions{factory: f, open: true, format: "md", sync: true})
	wantOptions(t, f, newRepairCmd, "2026-11-22 --keep-changed", &repairOptions{factory: f, session: "2026-11-22", keepChanged: true})
	wantOptions(t, f, newPublishCmd, "--to datadog,github:acme/checkout --dry-run --minutes-url https://wiki/m",
		&publishOptions{factory: f, to: []string{"datadog", "github:acme/checkout"}, dryRun: true, minutesURL: "https://wiki/m"})
	wantOptions(t, f, newInitCmd, "--template datadog-apm --service checkout --env prod",
		&initOptions{factory: f, file: "agenda.yaml", template: "datadog-apm", service: "checkout", env: "prod", timeout: time.Minute})
	wantOptions(t, f, newInitCmd, "--from grafana:overview.json --prometheus http://prom:9090 --force overview.yaml",
		&initOptions{factory: f, file: "overview.yaml", from: "grafana:overview.json", prometheus: "http://prom:9090", force: true, timeout: time.Minute})
	wantOptions(t, f, newSchemaCmd, "", &schemaOptions{factory: f})
}

// wantUsageError checks that the command newCmd makes, given args (split
// at spaces), stops with a usage error before it runs.
func wantUsageError[O any](t *testing.T, newCmd func(*factory, func(*O) error) *cobra.Command, args string) {
	t.Helper()
	o, err := parse(t, &factory{}, newCmd, strings.Fields(args)...)
	var ue *usageError
	if o != nil || !errors.As(err, &ue) {
		t.Errorf("%q: ran %v, error %v; want a usage error and no run", args, o != nil, err)
	}
}

// Flags that make no sense together are a usage error before the command
// runs.
func TestInvalidFlagsStopBeforeTheRun(t *testing.T) {
	wantUsageError(t, newRunCmd, "checkout.yaml --as aiko") // --as without --solo
	wantUsageError(t, newRunCmd, "")
	wantUsageError(t, newExportCmd, "--format xml")
	wantUsageError(t, newSessionsCmd, "--format md")
	wantUsageError(t, newActionsCmd, "--format text")
	wantUsageError(t, newInitCmd, "")
	wantUsageError(t, newInitCmd, "--from grafana:x.json --template datadog-apm")
	wantUsageError(t, newRepairCmd, "")
	wantUsageError(t, newSchemaCmd, "extra")
}
