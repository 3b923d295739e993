package publish

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"

	"github.com/nagame-dev/nagame/sessions"
	"github.com/nagame-dev/nagame/sessions/agenda"
	"github.com/nagame-dev/nagame/sessions/minutes/publish/publishtest"
)

var toDatadog = Target{Kind: agenda.TargetDatadog}

func TestNotebookBodyIsTheDatadogClientsOwnModel(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	req, err := NotebookRequest(rec, options(""))
	if err != nil {
		t.Fatal(err)
	}
	wire, err := json.Marshal(req)
	if err != nil {
		t.Fatal(err)
	}
	var back datadogV1.NotebookCreateRequest
	if err := json.Unmarshal(wire, &back); err != nil {
		t.Fatal(err)
	}
	if bad, part := datadog.ContainsUnparsedObject(back); bad {
		t.Fatalf("the body does not read back into NotebookCreateRequest whole (%v):\n%s", part, wire)
	}

	a := back.Data.Attributes
	if back.Data.Type != datadogV1.NOTEBOOKRESOURCETYPE_NOTEBOOKS {
		t.Errorf("data.type = %q", back.Data.Type)
	}
	if a.Name != "checkout — metrics viewing party — 2026-11-16" {
		t.Errorf("name = %q", a.Name)
	}
	if a.Status == nil || *a.Status != datadogV1.NOTEBOOKSTATUS_PUBLISHED {
		t.Errorf("status = %v, want published", a.Status)
	}
	if a.Metadata == nil || a.Metadata.Type.Get() == nil || *a.Metadata.Type.Get() != datadogV1.NOTEBOOKMETADATATYPE_REPORT {
		t.Errorf("metadata = %+v, want type report", a.Metadata)
	}
	abs := a.Time.NotebookAbsoluteTime
	if abs == nil || !abs.Start.Equal(rec.State.Start.From) || !abs.End.Equal(rec.State.Start.To) || abs.Live == nil || *abs.Live {
		t.Errorf("time = %+v, want the meeting's window %s – %s, not live", abs, rec.State.Start.From, rec.State.Start.To)
	}

	// summary, latency (live + figures), errors (live + figures),
	// availability (an SLO: no live cell), cpu (the demo: no live cell),
	// closing.
	kinds := []string{"md", "ts", "md", "ts", "md", "md", "md", "md"}
	if len(a.Cells) != len(kinds) {
		t.Fatalf("%d cells, want %d:\n%s", len(a.Cells), len(kinds), wire)
	}
	var md []string
	var ts []datadogV1.TimeseriesWidgetDefinition
	for i, c := range a.Cells {
		if c.Type != datadogV1.NOTEBOOKCELLRESOURCETYPE_NOTEBOOK_CELLS {
			t.Errorf("cell %d type %q", i, c.Type)
		}
		switch at := c.Attributes; {
		case at.NotebookMarkdownCellAttributes != nil && kinds[i] == "md":
			md = append(md, at.NotebookMarkdownCellAttributes.Definition.Text)
		case at.NotebookTimeseriesCellAttributes != nil && kinds[i] == "ts":
			if at.NotebookTimeseriesCellAttributes.Time.IsSet() && at.NotebookTimeseriesCellAttributes.Time.Get() != nil {
				t.Errorf("cell %d has a time of its own; it should follow the notebook's", i)
			}
			ts = append(ts, at.NotebookTimeseriesCellAttributes.Definition)
		default:
			t.Errorf("cell %d is not a %s cell: %+v", i, kinds[i], at)
		}
	}

	for _, want := range []string{"# checkout — metrics viewing party", "**Participants:**", "**Window:**", "## Summary", "| Checkout latency (p95) |", "## Action items", "Raise the pool size — Aiko (due 2026-12-01"} {
		if !strings.Contains(md[0], want) {
			t.Errorf("the first cell lacks %q:\n%s", want, md[0])
		}
	}
	lat := ts[0]
	shift := int64(rec.State.Start.From.Sub(rec.State.Start.CompareFrom) / time.Second)
	if *lat.Title != "Checkout latency (p95)" || len(lat.Requests) != 2 ||
		*lat.Requests[0].Q != "p95:trace.http.request{service:checkout,env:prod}" ||
		*lat.Requests[1].Q != "timeshift(p95:trace.http.request{service:checkout,env:prod}, -2592000)" || shift != 2592000 {
		t.Errorf("latency chart: %s", pretty(lat))
	}
	if *lat.Requests[1].Style.LineType != datadogV1.WIDGETLINETYPE_DASHED || *lat.Requests[0].DisplayType != datadogV1.WIDGETDISPLAYTYPE_LINE {
		t.Errorf("the comparison should be a dashed line: %s", pretty(lat.Requests))
	}
	if len(lat.Markers) != 1 || lat.Markers[0].Value != "y = 0.3" || !strings.Contains(*lat.Markers[0].Label, "300 ms") {
		t.Errorf("the objective's threshold marker: %s", pretty(lat.Markers))
	}
	errs := ts[1]
	if *errs.Requests[0].Q != "100 * (sum:trace.http.request.errors{service:checkout,env:prod}.as_count()) / (sum:trace.http.request.hits{service:checkout,env:prod}.as_count())" ||
		!strings.HasSuffix(*errs.Title, "(% of requests)") {
		t.Errorf("errors chart: %s", pretty(errs))
	}
	if strings.Contains(md[1], "━ this window") || !strings.Contains(md[1], "### 1. Checkout latency (p95)") || !strings.Contains(md[1], "| p95 |") ||
		!strings.Contains(md[1], "regressed after the 14:10 deploy") || !strings.Contains(md[1], "#### Answers") {
		t.Errorf("the latency figures (no text chart beside the live one):\n%s", md[1])
	}
	if !strings.Contains(md[3], "SLO: `checkout-availability`") || !strings.Contains(md[3], "```text") || !strings.Contains(md[3], "**Objective:**") {
		t.Errorf("the SLO panel (no live cell: its text chart and figures):\n%s", md[3])
	}
	if !strings.Contains(md[4], "━ this window") || !strings.Contains(md[4], "Checkout CPU") {
		t.Errorf("the demo panel keeps its text chart:\n%s", md[4])
	}
	for _, want := range []string{"## Closing", "### Impressions", "The latency story was clear", "### Survey", signature(rec.Name)} {
		if !strings.Contains(md[5], want) {
			t.Errorf("the closing cell lacks %q:\n%s", want, md[5])
		}
	}
}

func TestPublishDatadogCreatesThenUpdatesTheSameNotebook(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	res, err := Publish(context.Background(), toDatadog, rec, options(""))
	if err != nil {
		t.Fatal(err)
	}
	if res.URL != "https://app.datadoghq.eu/notebook/13244449" || res.Created != 1 || res.Updated != 0 {
		t.Errorf("first publish: %+v", res)
	}
	pub, err := sessions.ReadPublication(rec.Dir)
	if err != nil {
		t.Fatal(err)
	}
	host := strings.TrimPrefix(dd.URL(), "http://")
	if n, ok := pub.Notebook(host); !ok || n.ID != 13244449 || n.URL != res.URL {
		t.Errorf("published.json: %+v", pub)
	}

	again, err := Publish(context.Background(), toDatadog, reread(t, rec), options(""))
	if err != nil {
		t.Fatal(err)
	}
	creates, updates, lists := dd.Counts()
	if again.URL != res.URL || again.Created != 0 || again.Updated != 1 || creates != 1 || updates != 1 || lists != 1 {
		t.Errorf("second publish (only the first looked for a notebook by name): %+v; %d creates, %d updates, %d lists", again, creates, updates, lists)
	}
	if len(dd.Updates()) != 1 || !strings.Contains(string(dd.Updates()[0]), `"name":"checkout — metrics viewing party — 2026-11-16"`) {
		t.Errorf("the update body:\n%s", dd.Updates())
	}
	raw, _ := os.ReadFile(filepath.Join(rec.Dir, sessions.PublishedFile))
	noSecrets(t, "published.json", string(raw))
}

func TestLostStateFindsTheNotebookByItsNameAndSignature(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	first, err := Publish(context.Background(), toDatadog, rec, options(""))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(rec.Dir, sessions.PublishedFile)); err != nil {
		t.Fatal(err)
	}
	again, err := Publish(context.Background(), toDatadog, reread(t, rec), options(""))
	if err != nil {
		t.Fatal(err)
	}
	creates, updates, lists := dd.Counts()
	if again.URL != first.URL || creates != 1 || updates != 1 || lists != 2 {
		t.Errorf("after losing published.json: %+v; %d creates, %d updates, %d lists", again, creates, updates, lists)
	}
}

func TestANotebookDeletedInDatadogIsMadeAnew(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	if _, err := Publish(context.Background(), toDatadog, rec, options("")); err != nil {
		t.Fatal(err)
	}
	dd.DeleteAll()
	res, err := Publish(context.Background(), toDatadog, reread(t, rec), options(""))
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.URL != "https://app.datadoghq.eu/notebook/13244450" || len(res.Notes) != 1 || !strings.Contains(res.Notes[0], "is gone") {
		t.Errorf("%+v", res)
	}
	pub, _ := sessions.ReadPublication(rec.Dir)
	if len(pub.Notebooks) != 1 || pub.Notebooks[0].ID != 13244450 {
		t.Errorf("published.json keeps %+v", pub.Notebooks)
	}
}

func TestDatadogFailuresSayWhatToDo(t *testing.T) {
	cases := []struct {
		name   string
		faults []fault
		env    map[string]string
		want   []string
		status int
		retry  bool
	}{
		{name: "missing keys", env: map[string]string{"DD_API_KEY": ""}, want: []string{"DD_API_KEY and DD_APP_KEY must be set", "notebooks_write"}},
		{name: "scope", faults: []fault{{Status: 403, Body: `{"errors":["Forbidden"]}`}}, status: 403, want: []string{"may not create the notebook", "403 Forbidden: Forbidden", "notebooks_write"}},
		{name: "keys", faults: []fault{{Status: 401, Body: `{"errors":["Unauthorized"]}`}}, status: 401, want: []string{"refused the keys", "datadoghq.eu"}},
		{name: "bad request", faults: []fault{{Status: 400, Body: `{"errors":["Invalid cell"]}`}}, status: 400, want: []string{"rejected the notebook", "Invalid cell", "nagame check"}},
		{name: "rate limit far away", faults: []fault{{Status: 429, Header: map[string]string{"X-RateLimit-Reset": "3600"}, Body: `{"errors":["Rate limit exceeded"]}`}}, status: 429, retry: true, want: []string{"rate-limiting", "1h0m0s", "publish again after"}},
		{name: "echoed key", faults: []fault{{Status: 500, Body: `{"errors":["upstream said: DD-API-KEY ` + testAPIKey + ` is odd"]}`}}, status: 500, want: []string{"REDACTED", "try again later"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dd := publishtest.NewDatadog(t)
			rec := recordSession(t, t.TempDir(), dd.URL())
			dd.Fail("POST", c.faults...)
			_, err := Publish(context.Background(), toDatadog, rec, withEnv(options(""), c.env))
			wantError(t, err, c.want, c.status, c.retry)
			if _, err := os.Stat(filepath.Join(rec.Dir, sessions.PublishedFile)); err == nil {
				t.Error("a failed publish wrote published.json")
			}
		})
	}
}

func TestAShortRateLimitIsWaitedOut(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	dd.Fail("POST", fault{Status: 429, Header: map[string]string{"X-RateLimit-Reset": "0"}, Body: `{"errors":["Rate limit exceeded"]}`})
	res, err := Publish(context.Background(), toDatadog, rec, options(""))
	if err != nil || res.Created != 1 {
		t.Fatalf("%+v, %v", res, err)
	}
	if creates, _, _ := dd.Counts(); creates != 1 {
		t.Errorf("%d notebooks made", creates)
	}
}

func TestDatadogDryRunSendsNothingAndNeedsNoKeys(t *testing.T) {
	dd := publishtest.NewDatadog(t)
	rec := recordSession(t, t.TempDir(), dd.URL())
	opt := options("")
	opt.DryRun = true
	opt.Getenv = func(string) string { return "" }
	res, err := Publish(context.Background(), toDatadog, rec, opt)
	if err != nil {
		t.Fatal(err)
	}
	if c, u, l := dd.Counts(); c+u+l != 0 {
		t.Errorf("a dry run sent %d requests", c+u+l)
	}
	if len(res.Requests) != 1 || res.Requests[0].Method != "POST" || res.Requests[0].URL != dd.URL()+"/api/v1/notebooks" {
		t.Fatalf("requests: %+v", res.Requests)
	}
	var body datadogV1.NotebookCreateRequest
	if err := json.Unmarshal(res.Requests[0].Body, &body); err != nil || len(body.Data.Attributes.Cells) != 8 {
		t.Errorf("the dry run's body: %v\n%s", err, res.Requests[0].Body)
	}
	if !strings.Contains(string(res.Requests[0].Body), "\n  \"data\": {") {
		t.Errorf("the body is not indented:\n%.200s", res.Requests[0].Body)
	}
	if _, err := os.Stat(filepath.Join(rec.Dir, sessions.PublishedFile)); err == nil {
		t.Error("a dry run wrote published.json")
	}
}
