package prometheus

import (
	"encoding/base64"
	"fmt"
	"net/http"
	"strings"

	"github.com/nagame-dev/nagame/sources"
)

// authKind is how the source proves who it is, for hints on 401/403.
type authKind int

const (
	authNone authKind = iota
	authBearer
	authBasic
)

// credentials are what the source sends to prove who it is.
type credentials struct {
	headers http.Header
	kind    authKind
	// env names the variables holding the secrets, for hints.
	env string
	// secrets are redacted from every message, in case a server or proxy
	// echoes a request back in an error page.
	secrets sources.Secrets
}

// authHeaders builds the headers sent with every request: cfg.Headers, then
// the Authorization from the environment, which wins over a hand-written
// one. The secrets stay in memory: no message shows them.
func authHeaders(cfg sources.Config, getenv func(string) string) (credentials, error) {
	h := http.Header{}
	var secrets sources.Secrets
	for k, v := range cfg.Headers {
		if strings.TrimSpace(k) == "" || strings.ContainsAny(k, " :\r\n") || strings.ContainsAny(v, "\r\n") {
			return credentials{}, configError(cfg, fmt.Sprintf("header %q is not a valid HTTP header", k),
				"write headers as name: value pairs, like X-Scope-OrgID: tenant1")
		}
		h.Set(k, v)
		if secretHeader(k) {
			secrets.Add(v)
		}
	}
	read := func(key, env string) (string, error) {
		v := getenv(env)
		if strings.TrimSpace(v) == "" {
			return "", configError(cfg, fmt.Sprintf("%s names $%s, which is unset or empty", key, env),
				fmt.Sprintf("export %s before starting nagame, or remove %s from the source", env, key))
		}
		return v, nil
	}
	switch {
	case cfg.TokenEnv != "" && (cfg.UsernameEnv != "" || cfg.PasswordEnv != ""):
		return credentials{}, configError(cfg, "both token_env and username_env/password_env are set",
			"use one way to log in: a bearer token (token_env) or basic auth (username_env and password_env)")
	case cfg.TokenEnv != "":
		tok, err := read("token_env", cfg.TokenEnv)
		if err != nil {
			return credentials{}, err
		}
		tok = strings.TrimSpace(tok)
		h.Set("Authorization", "Bearer "+tok)
		secrets.Add(tok)
		return credentials{headers: h, kind: authBearer, env: "$" + cfg.TokenEnv, secrets: secrets}, nil
	case cfg.UsernameEnv != "" || cfg.PasswordEnv != "":
		if cfg.UsernameEnv == "" || cfg.PasswordEnv == "" {
			return credentials{}, configError(cfg, "basic auth needs both username_env and password_env", "name both variables, or use token_env")
		}
		user, err := read("username_env", cfg.UsernameEnv)
		if err != nil {
			return credentials{}, err
		}
		pass, err := read("password_env", cfg.PasswordEnv)
		if err != nil {
			return credentials{}, err
		}
		basic := base64.StdEncoding.EncodeToString([]byte(user + ":" + pass))
		h.Set("Authorization", "Basic "+basic)
		secrets.Add(user, pass, basic)
		return credentials{headers: h, kind: authBasic, env: "$" + cfg.UsernameEnv + " / $" + cfg.PasswordEnv,
			secrets: secrets}, nil
	}
	return credentials{headers: h, kind: authNone, secrets: secrets}, nil
}

// secretHeader reports whether a header's name says it carries a credential
// (X-Api-Key, X-Auth-Token, …): its value is scrubbed from messages like a
// token. The agenda refuses Authorization and cookies outright.
func secretHeader(name string) bool {
	n := strings.ToLower(name)
	for _, w := range []string{"key", "token", "secret", "auth", "pass", "cookie", "session", "signature"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// redact scrubs every secret, and any piece of six or more characters of
// one, from s.
func (c credentials) redact(s string) string {
	return c.secrets.Redact(s)
}

// transport adds the source's headers to every request and bounds what is
// read of every answer.
type transport struct {
	next    http.RoundTripper
	headers http.Header
	// limit is the most read of one body (after decompression): past it,
	// reading fails with a *sources.TooLargeError.
	limit int64
}

// RoundTrip sends req with the headers added, on a copy: a RoundTripper must
// not change the request it is given.
func (t *transport) RoundTrip(req *http.Request) (*http.Response, error) {
	if len(t.headers) > 0 {
		req = req.Clone(req.Context())
		for k, vs := range t.headers {
			req.Header[k] = vs
		}
	}
	resp, err := t.next.RoundTrip(req)
	if resp != nil && resp.Body != nil {
		resp.Body = sources.LimitBody(resp.Body, resp.ContentLength, t.limit)
	}
	return resp, err
}
