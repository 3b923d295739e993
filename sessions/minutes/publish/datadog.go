package publish

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes"
	"github.com/nagame-dev/nagame/sources"
	ddsource "github.com/nagame-dev/nagame/sources/datadog"
)

// notebooksPath is the v1 Notebooks API.
const notebooksPath = "/api/v1/notebooks"

// scopeHint is what a key needs to publish.
const scopeHint = "DD_APP_KEY needs the notebooks_write scope (and notebooks_read to find a notebook again): " +
	"Organization Settings → Application Keys, or use an unscoped key"

// notebookSource is the agenda's Datadog source whose org gets the
// notebook: the default source when it is Datadog, else the first Datadog
// source; with none, DD_SITE decides.
func notebookSource(a *agenda.Agenda) sources.Config {
	if c, ok := a.Sources[a.Source]; ok && c.Type == sources.TypeDatadog {
		return c
	}
	for _, name := range a.SourceNames {
		if c := a.Sources[name]; c.Type == sources.TypeDatadog {
			return c
		}
	}
	return sources.Config{Type: sources.TypeDatadog}
}

// NotebookRequest is the notebook Publish would send for rec, as the
// Datadog client's own model: what tests and a dry run look at.
func NotebookRequest(rec *sessions.Record, opt Options) (datadogV1.NotebookCreateRequest, error) {
	opt = opt.withDefaults(rec)
	m, err := buildMinutes(rec, opt)
	if err != nil {
		return datadogV1.NotebookCreateRequest{}, err
	}
	srv, err := ddsource.ResolveServer(notebookSource(rec.Agenda), opt.Getenv)
	if err != nil {
		return datadogV1.NotebookCreateRequest{}, err
	}
	return createRequest(notebookFor(m, rec.Agenda, srv, opt)), nil
}

// notebookFor lays out the notebook for the org of srv: live charts for the
// panels that read a metric query from that org.
func notebookFor(m *minutes.Minutes, a *agenda.Agenda, srv ddsource.Server, opt Options) datadogV1.NotebookCreateDataAttributes {
	live := func(p agenda.Panel) bool {
		c, ok := a.Sources[p.Source]
		if !ok || c.Type != sources.TypeDatadog || p.Query == "" || p.Kind == sources.KindSLO {
			return false
		}
		s, err := ddsource.ResolveServer(c, opt.Getenv)
		return err == nil && s.Host() == srv.Host()
	}
	return notebookAttributes(m, a, live, opt.Location)
}

func createRequest(attrs datadogV1.NotebookCreateDataAttributes) datadogV1.NotebookCreateRequest {
	return datadogV1.NotebookCreateRequest{Data: datadogV1.NotebookCreateData{
		Type: datadogV1.NOTEBOOKRESOURCETYPE_NOTEBOOKS, Attributes: attrs,
	}}
}

func updateRequest(attrs datadogV1.NotebookCreateDataAttributes) datadogV1.NotebookUpdateRequest {
	cells := make([]datadogV1.NotebookUpdateCell, len(attrs.Cells))
	for i := range attrs.Cells {
		// Cells without an id replace the notebook's cells: an update
		// rewrites the whole notebook, as the minutes are rewritten.
		cells[i] = datadogV1.NotebookCellCreateRequestAsNotebookUpdateCell(&attrs.Cells[i])
	}
	return datadogV1.NotebookUpdateRequest{Data: datadogV1.NotebookUpdateData{
		Type: datadogV1.NOTEBOOKRESOURCETYPE_NOTEBOOKS,
		Attributes: datadogV1.NotebookUpdateDataAttributes{
			Cells: cells, Metadata: attrs.Metadata, Name: attrs.Name, Status: attrs.Status, Time: attrs.Time,
		},
	}}
}

func (j *job) datadog(ctx context.Context) (Result, error) {
	res := Result{Target: Target{Kind: agenda.TargetDatadog}}
	srv, err := ddsource.ResolveServer(notebookSource(j.rec.Agenda), j.opt.Getenv)
	if err != nil {
		return res, err
	}
	attrs := notebookFor(j.minutes, j.rec.Agenda, srv, j.opt)
	prev, known := j.pub.Notebook(srv.Host())
	if j.opt.DryRun {
		if known {
			res.Requests = append(res.Requests, Request{Method: http.MethodPut, URL: fmt.Sprintf("%s%s/%d", srv.BaseURL(), notebooksPath, prev.ID), Body: pretty(updateRequest(attrs))})
			res.URL = prev.URL
		} else {
			res.Requests = append(res.Requests, Request{Method: http.MethodPost, URL: srv.BaseURL() + notebooksPath, Body: pretty(createRequest(attrs))})
			res.Notes = append(res.Notes, "a real run first looks for a notebook of this session by its name, and updates it if there is one")
		}
		return res, nil
	}

	apiKey, appKey := strings.TrimSpace(j.opt.Getenv("DD_API_KEY")), strings.TrimSpace(j.opt.Getenv("DD_APP_KEY"))
	w := wire{target: "datadog", secrets: sources.NewSecrets(apiKey, appKey), now: j.opt.Now, maxWait: j.opt.MaxWait}
	if apiKey == "" || appKey == "" {
		return res, w.fail(0, nil, "export both in the shell that runs nagame (never in the agenda); "+scopeHint,
			"DD_API_KEY and DD_APP_KEY must be set to publish a notebook on %s", srv.Site())
	}
	dd := notebookClient{api: j.notebooksAPI(), srv: srv, w: w, ctx: srv.Context(ctx, apiKey, appKey)}

	id := prev.ID
	if !known {
		found, err := dd.find(attrs.Name, signature(j.rec.Name))
		if err != nil {
			res.Notes = append(res.Notes, "could not look for an earlier notebook of this session ("+err.Error()+"); if one exists, delete the older one")
		}
		id = found
	}
	var nb datadogV1.NotebookResponse
	if id != 0 {
		nb, err = dd.update(id, updateRequest(attrs))
		var e *Error
		if errors.As(err, &e) && e.Status == http.StatusNotFound {
			res.Notes = append(res.Notes, fmt.Sprintf("notebook %d is gone from %s; made a new one", id, srv.Site()))
			id = 0
		} else if err != nil {
			return res, err
		}
	}
	if id == 0 {
		if nb, err = dd.create(createRequest(attrs)); err != nil {
			return res, err
		}
		res.Created++
	} else {
		res.Updated++
	}
	data := nb.GetData()
	res.URL = fmt.Sprintf("%s/notebook/%d", srv.AppURL(), data.Id)
	j.pub.SetNotebook(sessions.PublishedNotebook{Host: srv.Host(), ID: data.Id, URL: res.URL, At: j.opt.Now().UTC()})
	return res, j.save()
}

// signature is the text of the notebook's last cell that names the session.
func signature(session string) string { return "Minutes of session " + session }

func (j *job) notebooksAPI() *datadogV1.NotebooksApi {
	dc := datadog.NewConfiguration()
	dc.HTTPClient = j.opt.HTTPClient
	dc.UserAgent = "nagame " + dc.UserAgent
	// Retries are ours (wire.retry): only rate limits, which promise the
	// request was not acted on.
	dc.RetryConfiguration.EnableRetry = false
	dc.Debug = false
	return datadogV1.NewNotebooksApi(datadog.NewAPIClient(dc))
}

// notebookClient makes the Notebooks API's calls and words their failures.
type notebookClient struct {
	api *datadogV1.NotebooksApi
	srv ddsource.Server
	w   wire
	ctx context.Context
}

func (c notebookClient) create(body datadogV1.NotebookCreateRequest) (datadogV1.NotebookResponse, error) {
	var out datadogV1.NotebookResponse
	resp, err := c.w.retry(c.ctx, c.srv.Host(), false, func() (*http.Response, error) {
		var resp *http.Response
		var err error
		out, resp, err = c.api.CreateNotebook(c.ctx, body)
		return resp, err
	})
	return out, c.check(resp, err, out, "create the notebook")
}

func (c notebookClient) update(id int64, body datadogV1.NotebookUpdateRequest) (datadogV1.NotebookResponse, error) {
	var out datadogV1.NotebookResponse
	resp, err := c.w.retry(c.ctx, c.srv.Host(), false, func() (*http.Response, error) {
		var resp *http.Response
		var err error
		out, resp, err = c.api.UpdateNotebook(c.ctx, id, body)
		return resp, err
	})
	return out, c.check(resp, err, out, fmt.Sprintf("update notebook %d", id))
}

// find looks for the session's notebook by its name and signature line:
// the way back to it when published.json was lost. 0 when there is none.
func (c notebookClient) find(name, sig string) (int64, error) {
	var out datadogV1.NotebooksResponse
	opt := datadogV1.NewListNotebooksOptionalParameters().WithQuery(name).WithIncludeCells(true).WithCount(100)
	resp, err := c.w.retry(c.ctx, c.srv.Host(), false, func() (*http.Response, error) {
		var resp *http.Response
		var err error
		out, resp, err = c.api.ListNotebooks(c.ctx, *opt)
		return resp, err
	})
	if err := c.check(resp, err, nil, "list notebooks"); err != nil {
		return 0, err
	}
	for _, nb := range out.Data {
		if nb.Attributes.Name != name {
			continue
		}
		for _, cell := range nb.Attributes.Cells {
			if md := cell.Attributes.NotebookMarkdownCellAttributes; md != nil && strings.Contains(md.Definition.Text, sig) {
				return nb.Id, nil
			}
		}
	}
	return 0, nil
}

// check turns a call's outcome into an *Error worded for the user; model,
// when given, must have decoded whole.
func (c notebookClient) check(resp *http.Response, err error, model any, what string) error {
	if resp != nil && resp.Body != nil {
		_ = resp.Body.Close()
	}
	var pe *Error
	if errors.As(err, &pe) {
		return pe
	}
	host := c.srv.Host()
	if resp == nil {
		if err == nil {
			err = errors.New("no answer")
		}
		return c.w.transport(host, err)
	}
	code := resp.StatusCode
	if code < 300 && err == nil {
		if model != nil {
			if bad, _ := datadog.ContainsUnparsedObject(model); bad {
				return c.w.fail(code, nil, "publish again; if it persists, the API changed: report it", "%s answered %s with a body nagame cannot read", host, what)
			}
		}
		return nil
	}
	said := ""
	var ge datadog.GenericOpenAPIError
	if errors.As(err, &ge) {
		said = datadogSays(ge.Body())
	}
	status := fmt.Sprintf("%d %s", code, http.StatusText(code))
	if said = c.w.said(said); said != "" {
		status += ": " + said
	}
	switch code {
	case http.StatusUnauthorized:
		return c.w.fail(code, err, fmt.Sprintf("use keys of an org on %s (a key works only on its own site)", c.srv.Site()),
			"%s refused the keys to %s (%s)", host, what, status)
	case http.StatusForbidden:
		return c.w.fail(code, err, scopeHint, "%s may not %s (%s)", host, what, status)
	case http.StatusNotFound:
		return c.w.fail(code, err, rerun, "%s: cannot %s (%s)", host, what, status)
	case http.StatusBadRequest, http.StatusUnprocessableEntity:
		return c.w.fail(code, err, "check the panels' queries with nagame check; the rest of the session is unchanged",
			"%s rejected the notebook (%s)", host, status)
	}
	return c.w.fail(code, err, "try again later: "+rerun, "%s could not %s (%s)", host, what, status)
}

// datadogSays reads Datadog's {"errors": [...]} body; the raw body when
// it is not one.
func datadogSays(body []byte) string {
	var e struct {
		Errors []string `json:"errors"`
	}
	if json.Unmarshal(body, &e) == nil && len(e.Errors) > 0 {
		return strings.Join(e.Errors, "; ")
	}
	return string(body)
}
