package prometheus

import (
	"context"
	"net/http"
	"net/url"

	"github.com/prometheus/client_golang/api"
)

// statusError is a response outside 2xx, as the server sent it. The
// client_golang API turns such responses into its own error, keeping the
// code only in a formatted message; nagame needs the code, the body and the
// headers to say what to do next, so statusClient stops them first.
type statusError struct {
	code       int
	body       []byte
	retryAfter string
	endpoint   string // the API path, "/api/v1/query_range"
	tries      int    // how many times the request was sent (see try)
}

func (e *statusError) Error() string {
	return http.StatusText(e.code)
}

// statusClient is an api.Client that reports non-2xx responses as a
// *statusError. The response is still returned, so client_golang's fallback
// from POST to GET on 405 and 501 keeps working.
type statusClient struct {
	inner api.Client
}

// URL builds the address of an API endpoint.
func (c statusClient) URL(ep string, args map[string]string) *url.URL {
	return c.inner.URL(ep, args)
}

// Do sends req and reads the whole body.
func (c statusClient) Do(ctx context.Context, req *http.Request) (*http.Response, []byte, error) {
	resp, body, err := c.inner.Do(ctx, req)
	if err != nil || resp == nil || resp.StatusCode/100 == 2 {
		return resp, body, err
	}
	return resp, body, &statusError{
		code:       resp.StatusCode,
		body:       body,
		retryAfter: resp.Header.Get("Retry-After"),
		endpoint:   req.URL.Path,
	}
}
