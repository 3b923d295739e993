package agenda

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// sourceSet is the agenda's sources: as read. names holds every entry,
// valid or not, so that a panel naming a broken source is not also told the
// source does not exist.
type sourceSet struct {
	configs map[string]sources.Config
	names   []string
	// broken: sources: itself was unreadable, so names is unreliable and
	// panels' source names are not checked against it.
	broken bool
	// implied: the agenda has no sources: and reads the built-in demo.
	implied bool
}

var (
	sourceNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]*$`)
	envNamePattern    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
	headerNamePattern = regexp.MustCompile("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")
)

// sourceSet reads sources:, or implies the demo source when there is none.
func (w *walker) sourceSet(o *object, baseDir string) sourceSet {
	f, ok := o.get("sources")
	if !ok {
		return sourceSet{
			configs: map[string]sources.Config{demoSourceName: {Name: demoSourceName, Type: sources.TypeDemo, BaseDir: baseDir}},
			names:   []string{demoSourceName},
			implied: true,
		}
	}
	set := sourceSet{configs: map[string]sources.Config{}}
	if w.empty(f) {
		set.broken = true
		return set
	}
	so, ok := w.object(f.val, f.at(), `"sources"`, "sources")
	if !ok {
		set.broken = true
		return set
	}
	if len(so.fields) == 0 {
		w.ps.add(f.at(), "remove sources: to use the built-in demo, or name one like dd: {type: datadog}", "sources lists no source")
		set.broken = true
		return set
	}
	for _, e := range so.fields {
		set.names = append(set.names, e.key)
		if !sourceNamePattern.MatchString(e.key) {
			w.ps.add(e.keyPos, "use letters, digits, - and _ (like dd or prom-eu)", "source name %s is not a plain name", quote(e.key))
			continue
		}
		if cfg, ok := w.sourceConfig(e, baseDir); ok {
			set.configs[e.key] = cfg
		}
	}
	return set
}

// defaultSource resolves source:, the default source of panels. Without
// one, an agenda with a single source uses it; with several, each panel
// must name its own (an error in panels, where it can be positioned).
func (w *walker) defaultSource(o *object, set sourceSet) string {
	f, ok := o.get("source")
	if !ok {
		if len(set.names) == 1 {
			return set.names[0]
		}
		return ""
	}
	name, ok := w.nonEmpty(f)
	if !ok {
		return ""
	}
	if !w.knownSource(f, name, set) {
		return ""
	}
	return name
}

// knownSource reports whether name is a source of the agenda, and says so
// with the known names when it is not.
func (w *walker) knownSource(f field, name string, set sourceSet) bool {
	if set.broken || slices.Contains(set.names, name) {
		return true
	}
	hint := "known sources: " + strings.Join(set.names, ", ")
	if c := closest(name, set.names); c != "" {
		hint = fmt.Sprintf("did you mean %s? (%s)", quote(c), hint)
	}
	if set.implied {
		hint = "this agenda has no sources: and reads only the built-in demo; add a sources: entry named " + quote(name)
	}
	w.ps.add(f.at(), hint, "unknown source %s in %s", quote(name), whereOf(f))
	return false
}

// sourceConfig reads one entry of sources:.
func (w *walker) sourceConfig(e field, baseDir string) (sources.Config, bool) {
	where := "source " + quote(e.key)
	o, ok := w.object(e.val, e.at(), where, where)
	if !ok {
		return sources.Config{}, false
	}
	cfg := sources.Config{Name: e.key, BaseDir: baseDir}
	tf, ok := o.get("type")
	if !ok {
		w.ps.add(o.at, "add type: "+joinOr(sources.Types()), "%s has no type", where)
		w.secrets(o, where)
		return cfg, false
	}
	typ, ok := w.pick(tf, sources.Types(), "source type")
	if !ok {
		w.secrets(o, where)
		return cfg, false
	}
	cfg.Type = typ
	allowed := append([]string{"type"}, sources.ConfigKeys[typ]...)
	w.allow(o, where+" (type "+typ+")", allowed, func(f field) bool { return w.secretKey(f, where) })

	before := len(w.ps.list)
	for _, f := range o.fields {
		if !slices.Contains(sources.ConfigKeys[typ], f.key) {
			continue
		}
		switch f.key {
		case "site":
			cfg.Site, _ = w.site(f)
		case "url":
			cfg.URL, _ = w.baseURL(f)
		case "timeout":
			cfg.Timeout, _ = w.positiveDuration(f)
		case "token_env":
			cfg.TokenEnv, _ = w.envName(f)
		case "username_env":
			cfg.UsernameEnv, _ = w.envName(f)
		case "password_env":
			cfg.PasswordEnv, _ = w.envName(f)
		case "headers":
			cfg.Headers, _ = w.headers(f)
		case "path":
			cfg.Path, _ = w.nonEmpty(f)
		case "seed":
			cfg.Seed, _ = w.integer(f)
		case "allow_outside_agenda":
			cfg.AllowOutsideAgenda, _ = w.boolean(f)
		}
	}
	switch typ {
	case sources.TypePrometheus:
		if !o.has("url") {
			w.ps.add(o.at, `add url: "http://localhost:9090" (the server's base URL)`, "%s (type prometheus) has no url", where)
		}
		if o.has("username_env") != o.has("password_env") {
			w.ps.add(o.at, "basic auth needs both username_env and password_env", "%s sets only one of username_env and password_env", where)
		}
		if o.has("token_env") && (o.has("username_env") || o.has("password_env")) {
			f, _ := o.get("token_env")
			w.ps.add(f.keyPos, "keep token_env, or username_env with password_env", "%s sets both a token and basic auth", where)
		}
	case sources.TypeFile:
		if !o.has("path") {
			w.ps.add(o.at, "add path: ./exports (the folder of the files, relative to the agenda)", "%s (type file) has no path", where)
		}
	}
	return cfg, len(w.ps.list) == before
}

// secrets points out secret keys in an entry whose other keys cannot be
// checked (its type is missing or unknown): those are worth a word anyway.
func (w *walker) secrets(o *object, where string) {
	for _, f := range o.fields {
		w.secretKey(f, where)
	}
}

// secretKey explains a key that would put a secret in the agenda, which is
// shared, committed, and copied into every session folder. It returns
// whether f was such a key. The value is never echoed.
func (w *walker) secretKey(f field, where string) bool {
	k := strings.ToLower(strings.ReplaceAll(f.key, "-", "_"))
	var hint string
	switch k {
	case "api_key", "app_key", "apikey", "appkey", "application_key", "dd_api_key", "dd_app_key":
		hint = "set DD_API_KEY and DD_APP_KEY in the environment instead"
	case "token", "bearer_token", "bearer", "access_token":
		hint = "put the token in an environment variable and name it: token_env: PROM_TOKEN"
	case "password", "passwd", "secret":
		hint = "put it in an environment variable and name it: password_env: PROM_PASSWORD"
	case "username", "user":
		hint = "name environment variables instead: username_env: PROM_USER and password_env: PROM_PASSWORD"
	default:
		return false
	}
	w.ps.add(f.keyPos, hint, "%s must not hold %s: an agenda is shared and copied into every session, so secrets stay in environment variables", where, quote(f.key))
	return true
}

// site reads a Datadog site: a host name such as datadoghq.eu.
func (w *walker) site(f field) (string, bool) {
	s, ok := w.nonEmpty(f)
	if !ok {
		return "", false
	}
	if strings.Contains(s, "/") || strings.Contains(s, ":") || strings.ContainsAny(s, " \t") {
		w.ps.add(f.at(), "write the site's host name, like datadoghq.com or datadoghq.eu (a proxy goes in url:)", "%s is not a Datadog site: %s", f.name(), quote(s))
		return "", false
	}
	if after, found := strings.CutPrefix(s, "app."); found {
		w.ps.add(f.at(), "write site: "+after, "%s names the web app's host, not the site", f.name())
		return "", false
	}
	return s, true
}

// baseURL reads an http(s) URL. Credentials in it are refused without
// echoing the URL, which would print them.
func (w *walker) baseURL(f field) (string, bool) {
	s, ok := w.nonEmpty(f)
	if !ok {
		return "", false
	}
	u, err := url.Parse(s)
	if err == nil && u.User != nil {
		w.ps.add(f.at(), "remove the user:password@ part and name environment variables: username_env and password_env",
			"%s holds credentials", f.name())
		return "", false
	}
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		w.ps.add(f.at(), `write a full URL like "http://localhost:9090"`, "%s is not an http or https URL: %s", f.name(), quote(s))
		return "", false
	}
	return s, true
}

// envName reads the name of an environment variable. The value is not
// echoed: a user who pasted the token itself here would see it printed.
func (w *walker) envName(f field) (string, bool) {
	s, ok := w.nonEmpty(f)
	if !ok {
		return "", false
	}
	if !envNamePattern.MatchString(s) {
		w.ps.add(f.at(), "name the variable (like PROM_TOKEN), never its value", "%s is not an environment variable name", f.name())
		return "", false
	}
	return s, true
}

// headers reads extra HTTP headers. Authorization and cookies are secrets
// and are refused: token_env and the basic-auth env keys carry those.
func (w *walker) headers(f field) (map[string]string, bool) {
	if w.empty(f) {
		return nil, false
	}
	o, ok := w.object(f.val, f.at(), f.name(), "the headers of "+whereOf(f))
	if !ok {
		return nil, false
	}
	out := make(map[string]string, len(o.fields))
	good := true
	for _, h := range o.fields {
		switch strings.ToLower(h.key) {
		case "authorization", "proxy-authorization", "cookie":
			w.ps.add(h.keyPos, "use token_env, or username_env and password_env, which read the secret from the environment",
				"header %s would put a secret in the agenda", quote(h.key))
			good = false
			continue
		}
		if !headerNamePattern.MatchString(h.key) {
			w.ps.add(h.keyPos, "", "%s is not a valid HTTP header name", quote(h.key))
			good = false
			continue
		}
		v, ok := w.str(h)
		if !ok {
			good = false
			continue
		}
		if strings.ContainsAny(v, "\r\n") {
			w.ps.add(h.at(), "", "header %s spans lines", quote(h.key))
			good = false
			continue
		}
		out[h.key] = v
	}
	return out, good
}
