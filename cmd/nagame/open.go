package main

import (
	"fmt"

	"github.com/nagame-dev/nagame/examples"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sources"
	"github.com/nagame-dev/nagame/sources/datadog"
	"github.com/nagame-dev/nagame/sources/demo"
	"github.com/nagame-dev/nagame/sources/file"
	"github.com/nagame-dev/nagame/sources/prometheus"
)

// loadAgenda reads the agenda at path, or the embedded demo agenda when path
// is empty, with the values of --var flags for its variables.
func loadAgenda(path string, varFlags []string) (*agenda.Agenda, error) {
	vars, err := parseVars(varFlags)
	if err != nil {
		return nil, err
	}
	if path == "" {
		a, err := agenda.Parse(examples.DemoName, examples.Demo(), ".", agenda.WithVars(vars))
		if err != nil {
			return nil, fmt.Errorf("the embedded demo agenda is broken: %w", err)
		}
		a.Name = "demo agenda"
		return a, nil
	}
	return agenda.Load(path, agenda.WithVars(vars))
}

// openSources opens every source the agenda names. A source that cannot be
// opened does not stop the others: its panels show why.
func openSources(a *agenda.Agenda, f *factory) (map[string]sources.Source, map[string]error) {
	srcs := map[string]sources.Source{}
	errs := map[string]error{}
	for _, name := range a.SourceNames {
		cfg := a.Sources[name]
		s, err := openSource(cfg, f)
		if err != nil {
			errs[name] = fmt.Errorf("source %s (%s): %w", name, cfg.Type, err)
			continue
		}
		srcs[name] = s
	}
	return srcs, errs
}

// openSource opens one source with the factory's environment, clock and
// HTTP client.
func openSource(cfg sources.Config, f *factory) (sources.Source, error) {
	switch cfg.Type {
	case sources.TypeDemo:
		return demo.New(cfg, f.Now)
	case sources.TypeDatadog:
		return datadog.New(cfg, datadog.WithGetenv(f.Getenv), datadog.WithHTTPClient(f.HTTPClient), datadog.WithNow(f.Now))
	case sources.TypePrometheus:
		return prometheus.New(cfg, prometheus.WithGetenv(f.Getenv), prometheus.WithHTTPClient(f.HTTPClient), prometheus.WithNow(f.Now))
	case sources.TypeFile:
		return file.New(cfg)
	}
	return nil, fmt.Errorf("unknown source type %q (known: %v)", cfg.Type, sources.Types())
}
