package publishtest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/DataDog/datadog-api-client-go/v2/api/datadog"
	"github.com/DataDog/datadog-api-client-go/v2/api/datadogV1"
)

// Datadog is a fake Datadog API. It speaks the v1 Notebooks API as the recorded cassettes of
// DataDog/datadog-api-client-go show it (Feature_Notebooks: create, update,
// get all): ids are int64, cells come back with an 8-character id, and
// metadata, author, created and modified are added.
type Datadog struct {
	server

	notebooks map[int64]map[string]any // id → attributes as last stored
	nextID    int64
	// bodies are the raw bodies of creates and updates, in order.
	creates, updates [][]byte
	lists            int
}

// notebooks is the v1 Notebooks API.
const notebooks = "/api/v1/notebooks"

// NewDatadog starts a fake Datadog API, stopped when the test ends. It
// answers only requests with APIKey and AppKey, and fails the test when a
// create or update body does not read back whole into the client's model.
func NewDatadog(t *testing.T) *Datadog {
	f := &Datadog{notebooks: map[int64]map[string]any{}, nextID: 13244449}
	f.start(t, f.serve)
	return f
}

func (f *Datadog) serve(w http.ResponseWriter, r *http.Request) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if r.Header.Get("DD-API-KEY") != APIKey || r.Header.Get("DD-APPLICATION-KEY") != AppKey {
		writeJSON(w, http.StatusForbidden, `{"errors":["Forbidden"]}`)
		return
	}
	if f.fault(w, r.Method) {
		return
	}
	body, _ := io.ReadAll(r.Body)
	switch {
	case r.Method == http.MethodPost && r.URL.Path == notebooks:
		f.creates = append(f.creates, body)
		attrs := f.decodeCreate(body)
		id := f.nextID
		f.nextID++
		f.notebooks[id] = attrs
		writeJSON(w, http.StatusOK, f.response(id, attrs))
	case r.Method == http.MethodPut && strings.HasPrefix(r.URL.Path, notebooks+"/"):
		id, _ := strconv.ParseInt(strings.TrimPrefix(r.URL.Path, notebooks+"/"), 10, 64)
		f.updates = append(f.updates, body)
		if _, ok := f.notebooks[id]; !ok {
			writeJSON(w, http.StatusNotFound, `{"errors":["Notebook not found"]}`)
			return
		}
		var req datadogV1.NotebookUpdateRequest
		if err := json.Unmarshal(body, &req); err != nil {
			f.t.Errorf("update body: %v", err)
		}
		if bad, _ := datadog.ContainsUnparsedObject(req); bad {
			f.t.Errorf("the update body has parts the client's model cannot read:\n%s", body)
		}
		f.notebooks[id] = attributesOf(f.t, body)
		writeJSON(w, http.StatusOK, f.response(id, f.notebooks[id]))
	case r.Method == http.MethodGet && r.URL.Path == notebooks:
		f.lists++
		query := r.URL.Query().Get("query")
		var data []string
		for id, attrs := range f.notebooks {
			if strings.Contains(attrs["name"].(string), query) {
				data = append(data, f.data(id, attrs))
			}
		}
		writeJSON(w, http.StatusOK, fmt.Sprintf(`{"meta":{"page":{"total_filtered_count":%d,"total_count":%d}},"data":[%s]}`,
			len(data), len(f.notebooks), strings.Join(data, ",")))
	default:
		writeJSON(w, http.StatusNotFound, `{"errors":["Not found"]}`)
	}
}

// decodeCreate checks a create body against the client's own model.
func (f *Datadog) decodeCreate(body []byte) map[string]any {
	var req datadogV1.NotebookCreateRequest
	if err := json.Unmarshal(body, &req); err != nil {
		f.t.Errorf("create body does not decode: %v", err)
	}
	if bad, part := datadog.ContainsUnparsedObject(req); bad {
		f.t.Errorf("the create body has parts the client's model cannot read (%v):\n%s", part, body)
	}
	return attributesOf(f.t, body)
}

func attributesOf(t *testing.T, body []byte) map[string]any {
	var raw struct {
		Data struct {
			Attributes map[string]any `json:"attributes"`
		} `json:"data"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		t.Errorf("body: %v", err)
	}
	return raw.Data.Attributes
}

func (f *Datadog) data(id int64, attrs map[string]any) string {
	out := map[string]any{}
	for k, v := range attrs {
		out[k] = v
	}
	var cells []any
	if cs, ok := attrs["cells"].([]any); ok {
		for i, c := range cs {
			cell := map[string]any{}
			for k, v := range c.(map[string]any) {
				cell[k] = v
			}
			cell["id"] = fmt.Sprintf("c%07d", i)
			cells = append(cells, cell)
		}
	}
	out["cells"] = cells
	out["metadata"] = map[string]any{"is_favorite": false, "is_template": false, "type": "report", "take_snapshots": false}
	out["template_variables"] = []any{}
	out["created"] = "2026-11-16T11:00:00.418530+00:00"
	out["modified"] = "2026-11-16T11:00:00.418530+00:00"
	out["author"] = map[string]any{"name": nil, "handle": "frog@datadoghq.com", "email": "frog@datadoghq.com", "title": nil, "verified": true, "disabled": false, "status": "Active"}
	b, err := json.Marshal(map[string]any{"type": "notebooks", "id": id, "attributes": out})
	if err != nil {
		f.t.Fatal(err)
	}
	return string(b)
}

func (f *Datadog) response(id int64, attrs map[string]any) string {
	return `{"data":` + f.data(id, attrs) + `}`
}

// Counts tells how many creates, updates and lists the fake answered.
func (f *Datadog) Counts() (creates, updates, lists int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.creates), len(f.updates), f.lists
}

// Updates are the bodies of the updates received, in order.
func (f *Datadog) Updates() [][]byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.updates)
}

// DeleteAll deletes every notebook, as someone might in Datadog's UI.
func (f *Datadog) DeleteAll() {
	f.mu.Lock()
	defer f.mu.Unlock()
	clear(f.notebooks)
}
