package sessions

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// PublishedFile keeps what nagame publish sent of a session and where it
// went: the Datadog notebook's id (so a second publish updates it) and each
// action item's GitHub issue (so none is made twice, and its state comes
// back). It holds ids and links only, never a token.
const PublishedFile = "published.json"

// PublicationVersion is the version of the published.json shape.
const PublicationVersion = 1

// Publication is published.json read back; the zero value is a session
// never published.
type Publication struct {
	Version   int                 `json:"version"`
	Notebooks []PublishedNotebook `json:"notebooks,omitempty"`
	Issues    []PublishedIssue    `json:"issues,omitempty"`
}

// PublishedNotebook is the session's notebook in one Datadog org.
type PublishedNotebook struct {
	// Host is the API host the notebook was created on ("api.datadoghq.eu");
	// a notebook is looked up only where it lives.
	Host string `json:"host"`
	ID   int64  `json:"id"`
	// URL is the notebook's web address.
	URL string    `json:"url"`
	At  time.Time `json:"published_at"`
}

// PublishedIssue is one action item's issue.
type PublishedIssue struct {
	// Action is the item's id in this session ("a1").
	Action string `json:"action"`
	// Repo is OWNER/REPO.
	Repo   string `json:"repo"`
	Number int    `json:"number"`
	URL    string `json:"url"`
	// State is GitHub's: open or closed; StateReason why it closed
	// (completed, not_planned, duplicate) or reopened.
	State       string    `json:"state"`
	StateReason string    `json:"state_reason,omitempty"`
	ClosedAt    time.Time `json:"closed_at,omitzero"`
	// SyncedAt is when nagame last read the state from GitHub.
	SyncedAt time.Time `json:"synced_at"`
}

// Ref names the issue as GitHub writes it: "acme/checkout#12".
func (i PublishedIssue) Ref() string { return fmt.Sprintf("%s#%d", i.Repo, i.Number) }

// Closed reports whether the issue is closed, and whether as done (not as
// not planned or a duplicate).
func (i PublishedIssue) Closed() (closed, done bool) {
	if i.State != "closed" {
		return false, false
	}
	return true, i.StateReason != "not_planned" && i.StateReason != "duplicate"
}

// Notebook returns the notebook kept for an API host.
func (p *Publication) Notebook(host string) (PublishedNotebook, bool) {
	for _, n := range p.Notebooks {
		if n.Host == host {
			return n, true
		}
	}
	return PublishedNotebook{}, false
}

// SetNotebook keeps n, replacing the notebook of the same host.
func (p *Publication) SetNotebook(n PublishedNotebook) {
	p.Notebooks = slices.DeleteFunc(p.Notebooks, func(o PublishedNotebook) bool { return o.Host == n.Host })
	p.Notebooks = append(p.Notebooks, n)
}

// Issue returns the issue kept for an action item in a repository.
func (p *Publication) Issue(repo, action string) (PublishedIssue, bool) {
	for _, i := range p.Issues {
		if i.Repo == repo && i.Action == action {
			return i, true
		}
	}
	return PublishedIssue{}, false
}

// SetIssue keeps i, replacing the issue of the same item and repository.
func (p *Publication) SetIssue(i PublishedIssue) {
	for k := range p.Issues {
		if p.Issues[k].Repo == i.Repo && p.Issues[k].Action == i.Action {
			p.Issues[k] = i
			return
		}
	}
	p.Issues = append(p.Issues, i)
}

// Marshal renders the publication as published.json.
func (p Publication) Marshal() ([]byte, error) {
	p.Version = PublicationVersion
	b, err := json.MarshalIndent(p, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(b, '\n'), nil
}

// ReadPublication reads dir's published.json; the zero Publication when the
// session was never published.
func ReadPublication(dir string) (Publication, error) {
	path := filepath.Join(dir, PublishedFile)
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return Publication{}, nil
	}
	if err != nil {
		return Publication{}, err
	}
	var p Publication
	const fix = "move it away and publish again: nagame finds the notebook and the issues it made by their markers, so nothing is duplicated"
	if err := json.Unmarshal(b, &p); err != nil {
		return Publication{}, fmt.Errorf("%s: %w; %s", path, err, fix)
	}
	if p.Version != PublicationVersion {
		return Publication{}, fmt.Errorf("%s: version %d, this nagame reads %d; %s", path, p.Version, PublicationVersion, fix)
	}
	return p, nil
}

// WriteFile replaces the file name in the session folder with data, as
// Session.WriteFile does (0600, fsync'd, atomic), for a session read back
// rather than run: what nagame publish keeps of a finished meeting. It
// never touches the journal.
func (r *Record) WriteFile(name string, data []byte) error {
	if name != filepath.Base(name) || name == "." || name == ".." {
		return fmt.Errorf("session %s: %q is not a file name", r.Name, name)
	}
	return writeFileAtomic(filepath.Join(r.Dir, name), data, 0o600)
}
