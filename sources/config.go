package sources

import (
	"slices"
	"time"
)

// Config is one entry of an agenda's sources: map, as the agenda loader
// decoded and checked it. Which keys a type accepts is in ConfigKeys; the
// backend's New reads only its own.
//
// Secrets are never part of a Config: a Datadog source reads DD_API_KEY and
// DD_APP_KEY itself, and a Prometheus source names the environment variables
// that hold its token or password (TokenEnv, UsernameEnv, PasswordEnv).
type Config struct {
	// Name is the key of the entry in the sources: map ("dd", "prom").
	Name string
	// Type is the backend: datadog, prometheus, file or demo.
	Type string
	// Site is the Datadog site (datadoghq.com, datadoghq.eu, …).
	Site string
	// URL is the base URL of the backend (Prometheus; Datadog proxies, tests).
	URL string
	// Timeout bounds one HTTP request; 0 means the backend's default.
	Timeout time.Duration
	// TokenEnv names the environment variable holding a bearer token.
	TokenEnv string
	// UsernameEnv and PasswordEnv name the environment variables holding
	// basic-auth credentials.
	UsernameEnv string
	PasswordEnv string
	// Headers are extra HTTP headers sent with every request (X-Scope-OrgID).
	Headers map[string]string
	// Path is the folder the file source reads from, relative to BaseDir.
	// It must lie inside BaseDir (symbolic links resolved) unless
	// AllowOutsideAgenda is set.
	Path string
	// AllowOutsideAgenda lets a file source's Path lead outside the agenda's
	// folder (agenda key allow_outside_agenda: true). An agenda is shared,
	// and without it a path: of ../../.. could read any file of whoever runs
	// it; with it, messages never quote such a file's contents.
	AllowOutsideAgenda bool
	// Seed makes the demo backend's data reproducible.
	Seed int64
	// BaseDir is the folder of the agenda file: relative paths start there.
	BaseDir string
}

// Source types an agenda may name.
const (
	TypeDatadog    = "datadog"
	TypePrometheus = "prometheus"
	TypeFile       = "file"
	TypeDemo       = "demo"
)

// ConfigKeys lists, per source type, the agenda keys its entry accepts
// besides "type". The agenda loader rejects any other key.
var ConfigKeys = map[string][]string{
	TypeDatadog:    {"site", "url", "timeout"},
	TypePrometheus: {"url", "token_env", "username_env", "password_env", "headers", "timeout"},
	TypeFile:       {"path", "allow_outside_agenda"},
	TypeDemo:       {"seed"},
}

// Types lists the source types in a stable order, for messages.
func Types() []string {
	out := make([]string, 0, len(ConfigKeys))
	for t := range ConfigKeys {
		out = append(out, t)
	}
	slices.Sort(out)
	return out
}
