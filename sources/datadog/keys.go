package datadog

import (
	"fmt"

	"github.com/nagame-dev/nagame/sources"
)

// keysHint is what to do about missing keys; the message already says where
// to find them.
const keysHint = "export them in the shell that runs nagame (never in the agenda), then run nagame check"

// missingKeys is the error every call returns when a key is not set, or nil.
// It names only the variables that are missing, never a value.
func missingKeys(apiKey, appKey string) error {
	var msg string
	switch {
	case apiKey == "" && appKey == "":
		msg = "DD_API_KEY and DD_APP_KEY must be set (API key and application key from Organization Settings → API/Application Keys)"
	case apiKey == "":
		msg = "DD_API_KEY must be set (API key from Organization Settings → API Keys)"
	case appKey == "":
		msg = "DD_APP_KEY must be set (application key from Organization Settings → Application Keys)"
	default:
		return nil
	}
	return &sources.Error{Backend: backend, Msg: msg, Hint: keysHint}
}

// configError is an agenda entry nagame cannot use as written.
func configError(format string, args ...any) error {
	return &sources.Error{Backend: backend, Msg: fmt.Sprintf(format, args...)}
}

// redact scrubs the keys, and any piece of six or more characters of them,
// from text: text from the wire (an error body a proxy echoes, a URL in a
// transport error) could carry one, whole or cut short by a clip.
func (s *Source) redact(text string) string {
	return s.secrets.Redact(text)
}
