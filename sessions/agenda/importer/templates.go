package importer

import (
	"embed"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/sessions/agenda"
)

//go:embed templates/*.yaml
var templateFS embed.FS

// Template is a built-in starter agenda.
type Template struct {
	Name, Summary string
	// ServiceVar is the variable --service sets (the job of a Prometheus
	// agenda); EnvVar the one --env sets, "" when the template has none.
	ServiceVar, EnvVar string
}

// Templates are the starter agendas, in the order help lists them.
var Templates = []Template{
	{Name: "datadog-apm", Summary: "one APM service on Datadog: latency p95, errors / hits, requests per second", ServiceVar: "service", EnvVar: "env"},
	{Name: "prometheus-red", Summary: "one Prometheus job: rate, 5xx errors / requests, p95 duration", ServiceVar: "job"},
	{Name: "files", Summary: "exported CSV or JSON files, no backend at the meeting", ServiceVar: "service"},
}

// TemplateNames lists the templates' names.
func TemplateNames() []string {
	out := make([]string, len(Templates))
	for i, t := range Templates {
		out[i] = t.Name
	}
	return out
}

// LookupTemplate finds a template by name.
func LookupTemplate(name string) (Template, bool) {
	i := slices.IndexFunc(Templates, func(t Template) bool { return t.Name == name })
	if i < 0 {
		return Template{}, false
	}
	return Templates[i], true
}

// varsLine is the one line of a template that sets its variables.
var varsLine = regexp.MustCompile(`(?m)^vars: \{(.*)\}$`)

// plainValue is a value that needs no quotes in a flow mapping.
var plainValue = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_./-]*$`)

// Render writes the template with values for its variables (by variable
// name; the others keep their defaults), checked by the agenda loader as
// name in dir.
func (t Template) Render(values map[string]string, name, dir string) ([]byte, error) {
	src, err := templateFS.ReadFile("templates/" + t.Name + ".yaml")
	if err != nil {
		return nil, fmt.Errorf("template %s is missing from this nagame: %w", t.Name, err)
	}
	m := varsLine.FindSubmatchIndex(src)
	if m == nil {
		return nil, fmt.Errorf("template %s has no vars: line", t.Name)
	}
	var names, fields []string
	for _, kv := range strings.Split(string(src[m[2]:m[3]]), ",") {
		k, v, _ := strings.Cut(kv, ":")
		k = strings.TrimSpace(k)
		names = append(names, k)
		if nv, ok := values[k]; ok {
			v = nv
			if !plainValue.MatchString(nv) {
				v = yamlString(nv)
			}
		}
		fields = append(fields, k+": "+strings.TrimSpace(v))
	}
	for k := range values {
		if !slices.Contains(names, k) {
			return nil, fmt.Errorf("template %s has no variable %s (its variables: %s)", t.Name, k, strings.Join(names, ", "))
		}
	}
	out := append([]byte{}, src[:m[0]]...)
	out = append(out, "vars: {"+strings.Join(fields, ", ")+"}"...)
	out = append(out, src[m[1]:]...)
	if _, err := agenda.Parse(name, out, dir); err != nil {
		return nil, fmt.Errorf("template %s with these values does not validate: %w", t.Name, err)
	}
	return out, nil
}
