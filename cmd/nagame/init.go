package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/nagame-dev/nagame/sessions/agenda/importer"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/datadog"
)

// initOptions are nagame init's: the file to write and what to start it
// from. The factory's HTTP client reads the dashboards.
type initOptions struct {
	*factory
	file     string
	from     string
	template string
	service  string
	env      string
	vars     []string
	// site and url say where a Datadog dashboard is read (as for a Datadog
	// source); prometheus is the server a Grafana dashboard's panels read.
	site, url  string
	prometheus string
	force      bool
	timeout    time.Duration
}

func newInitCmd(f *factory, runF func(*initOptions) error) *cobra.Command {
	o := &initOptions{factory: f}
	cmd := &cobra.Command{
		Use:   "init [FILE]",
		Short: "Write a starter agenda from a Datadog or Grafana dashboard, or a template",
		Long: `Write a commented agenda to FILE (default agenda.yaml; - for stdout), from a
dashboard your team already has or from a built-in template. Every choice
nagame makes (a panel's kind, unit and objective; what it left out and why)
is a comment beside it. The agenda is checked before it is written, and an
existing file is never replaced without --force.

  --from datadog:ID       a Datadog dashboard (or its address, which names the
                          site too); keys from DD_API_KEY and DD_APP_KEY
  --from grafana:FILE     a Grafana dashboard's JSON export
  --from grafana:URL      a Grafana dashboard's address; a token from
                          $GRAFANA_TOKEN
  --template NAME         ` + strings.Join(importer.TemplateNames(), ", ") + `

Then: nagame check FILE.`,
		Example: `  nagame init --template datadog-apm --service checkout --env prod
  nagame init --from datadog:abc-def-ghi checkout.yaml
  nagame init --from https://app.datadoghq.eu/dashboard/abc-def-ghi/checkout
  nagame init --from grafana:overview.json --prometheus http://prom:9090
  nagame init --from grafana:https://grafana.example.com/d/6be0s85Mk/overview -`,
		Args: maxArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			o.file = "agenda.yaml"
			if len(args) == 1 {
				o.file = args[0]
			}
			return runWith(cmd.Context(), o, runF, runInit)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&o.from, "from", "", "the dashboard to start from: datadog:ID, a Datadog dashboard address, grafana:FILE or grafana:URL")
	fl.StringVar(&o.template, "template", "", "a starter agenda: "+strings.Join(importer.TemplateNames(), ", "))
	fl.StringVar(&o.service, "service", "", "the service the agenda reviews (a template's service, or job)")
	fl.StringVar(&o.env, "env", "", "the environment a template reads (datadog-apm)")
	addVarFlag(cmd, &o.vars)
	fl.StringVar(&o.site, "site", "", "the Datadog site of the dashboard (default: the address's, else $DD_SITE, else datadoghq.com)")
	fl.StringVar(&o.url, "url", "", "a base URL to read the Datadog dashboard from instead of the site's API (a proxy)")
	fl.StringVar(&o.prometheus, "prometheus", "", "the Prometheus a Grafana dashboard's panels read (default "+importer.DefaultPrometheusURL+")")
	fl.BoolVar(&o.force, "force", false, "replace FILE if it exists")
	fl.DurationVar(&o.timeout, "timeout", time.Minute, "give up reading the dashboard after this long")
	return cmd
}

func (o *initOptions) validate() error {
	switch {
	case o.from == "" && o.template == "":
		return usagef("nagame init needs --from (datadog:ID, grafana:FILE or grafana:URL) or --template (%s)", strings.Join(importer.TemplateNames(), ", "))
	case o.from != "" && o.template != "":
		return usagef("give --from or --template, not both")
	}
	return nil
}

// runInit writes a starter agenda.
func runInit(ctx context.Context, o *initOptions) error {
	vars, err := parseVars(o.vars)
	if err != nil {
		return err
	}
	toStdout := o.file == "-"
	if !toStdout && !o.force {
		if _, err := os.Stat(o.file); err == nil {
			return fmt.Errorf("%s exists: nagame init never replaces an agenda; add --force to replace it, or name another file", o.file)
		}
	}
	name, dir := "agenda.yaml", "."
	if !toStdout {
		name, dir = filepath.Base(o.file), filepath.Dir(o.file)
		if abs, err := filepath.Abs(dir); err == nil {
			dir = abs
		}
	}
	ctx, cancel := context.WithTimeout(ctx, o.timeout)
	defer cancel()
	var (
		data    []byte
		summary string
	)
	if o.template != "" {
		data, summary, err = o.fromTemplate(vars, name, dir)
	} else {
		data, summary, err = o.fromDashboard(ctx, vars, name, dir)
	}
	if err != nil {
		return err
	}
	if toStdout {
		_, err := o.Out.Write(data)
		return err
	}
	if err := writeNew(o.file, data, o.force); err != nil {
		return err
	}
	fmt.Fprintf(o.Err, "Wrote %s: %s.\nNext: read its comments, then run: nagame check %s\n(For completion in your editor: nagame schema > %s)\n",
		o.file, summary, o.file, filepath.Join(filepath.Dir(o.file), importer.SchemaFile))
	return nil
}

func (o *initOptions) fromTemplate(vars map[string]string, name, dir string) ([]byte, string, error) {
	t, ok := importer.LookupTemplate(o.template)
	if !ok {
		return nil, "", usagef("no template %q; the templates are: %s", o.template, strings.Join(importer.TemplateNames(), ", "))
	}
	if vars == nil {
		vars = map[string]string{}
	}
	for flag, pair := range map[string][2]string{"--service": {o.service, t.ServiceVar}, "--env": {o.env, t.EnvVar}} {
		value, variable := pair[0], pair[1]
		if value == "" {
			continue
		}
		if variable == "" {
			return nil, "", usagef("template %s has no %s: set its variables with --var", t.Name, strings.TrimPrefix(flag, "--"))
		}
		vars[variable] = value
	}
	data, err := t.Render(vars, name, dir)
	if err != nil {
		return nil, "", usageIfVar(err)
	}
	return data, "the " + t.Name + " template (" + t.Summary + ")", nil
}

// usageIfVar makes an unknown --var a usage error.
func usageIfVar(err error) error {
	if strings.Contains(err.Error(), "has no variable") {
		return &usageError{err}
	}
	return err
}

func (o *initOptions) fromDashboard(ctx context.Context, vars map[string]string, name, dir string) ([]byte, string, error) {
	kind, ref, _ := strings.Cut(o.from, ":")
	var (
		d   *importer.Draft
		err error
	)
	switch {
	case kind == "datadog":
		d, err = o.datadogDraft(ctx, ref)
	case kind == "grafana":
		d, err = o.grafanaDraft(ctx, ref)
	case strings.Contains(o.from, "datadoghq.") || strings.Contains(o.from, "ddog-gov.com"):
		d, err = o.datadogDraft(ctx, o.from)
	default:
		return nil, "", usagef("--from %q: want datadog:ID, a Datadog dashboard address, grafana:FILE or grafana:URL", o.from)
	}
	if err != nil {
		return nil, "", err
	}
	if err := setVars(d, vars); err != nil {
		return nil, "", err
	}
	data, err := importer.Write(d, name, dir)
	if err != nil {
		return nil, "", err
	}
	summary := fmt.Sprintf("%d panel(s) from %s", len(d.Panels), d.Origin)
	if n := len(d.Skipped); n > 0 {
		thing := "widget(s)"
		if kind == "grafana" {
			thing = "panel(s)"
		}
		summary += fmt.Sprintf("; %d %s left out, listed at its end", n, thing)
	}
	return data, summary, nil
}

// setVars gives the dashboard's variables the values of --var.
func setVars(d *importer.Draft, vars map[string]string) error {
	names := make([]string, 0, len(vars))
	for n := range vars {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		found := false
		for i := range d.Vars {
			if d.Vars[i].Name == n {
				d.Vars[i].Default, found = vars[n], true
			}
		}
		if !found {
			known := make([]string, len(d.Vars))
			for i, v := range d.Vars {
				known[i] = v.Name
			}
			return usagef("--var %s: the dashboard has no such variable (its variables: %s)", n, orNone(known))
		}
	}
	return nil
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

func (o *initOptions) datadogDraft(ctx context.Context, ref string) (*importer.Draft, error) {
	id, urlSite, err := importer.ParseDatadogRef(ref)
	if err != nil {
		return nil, &usageError{err}
	}
	site := o.site
	if site == "" {
		site = urlSite
	}
	src, err := datadog.New(sources.Config{Type: sources.TypeDatadog, Site: site, URL: o.url},
		datadog.WithGetenv(o.Getenv), datadog.WithHTTPClient(o.HTTPClient))
	if err != nil {
		return nil, withHint(err)
	}
	dash, err := src.Dashboard(ctx, id)
	if err != nil {
		return nil, withHint(err)
	}
	return importer.FromDatadog(dash, importer.DatadogOptions{ID: id, Site: site, URL: o.url, Service: o.service}), nil
}

func (o *initOptions) grafanaDraft(ctx context.Context, ref string) (*importer.Draft, error) {
	var (
		data []byte
		err  error
	)
	if strings.HasPrefix(ref, "http://") || strings.HasPrefix(ref, "https://") {
		r, perr := importer.ParseGrafanaURL(ref)
		if perr != nil {
			return nil, &usageError{perr}
		}
		data, err = importer.FetchGrafana(ctx, o.HTTPClient, r, o.Getenv(importer.GrafanaTokenEnv))
	} else {
		data, err = os.ReadFile(ref)
		if err != nil {
			return nil, fmt.Errorf("cannot read the Grafana export %s: %w; export it in Grafana with Export → Export as JSON → Download file", ref, errors.Unwrap(err))
		}
	}
	if err != nil {
		return nil, err
	}
	d, err := importer.FromGrafana(data, importer.GrafanaOptions{Name: ref, PrometheusURL: o.prometheus, Service: o.service})
	switch {
	case errors.Is(err, importer.ErrGrafanaV2):
		return nil, fmt.Errorf("%s is %w, which nagame does not read yet; export the classic JSON model instead (Export → Export as JSON, without the v2 resource format), or read it through the API: --from grafana:https://HOST/d/UID", ref, err)
	case err != nil:
		return nil, fmt.Errorf("%s %w", ref, err)
	}
	return d, nil
}

// withHint puts a backend error's hint on its line: what to do next.
func withHint(err error) error {
	if h := sources.HintOf(err); h != "" {
		return fmt.Errorf("%w; %s", err, h)
	}
	return err
}

// writeNew writes data to path: never over an existing file unless force,
// and never half: the file appears whole or not at all.
func writeNew(path string, data []byte, force bool) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".nagame-init-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	defer func() { _ = os.Remove(tmp.Name()) }()
	if _, err := tmp.Write(data); err != nil {
		_ = tmp.Close()
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if force {
		return os.Rename(tmp.Name(), path)
	}
	// A link fails when path exists, so a file created meanwhile is kept.
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("%s exists: nagame init never replaces an agenda; add --force to replace it, or name another file", path)
		}
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	return nil
}
