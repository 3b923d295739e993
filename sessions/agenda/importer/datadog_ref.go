package importer

import (
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"github.com/nagame-dev/nagame/sources/datadog"
)

var dashboardID = regexp.MustCompile(`^[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}$`)

// ParseDatadogRef reads what follows --from datadog: a dashboard id
// (abc-def-ghi), or the dashboard's address as the browser shows it
// (https://app.datadoghq.eu/dashboard/abc-def-ghi/name), which also names
// the site; site is "" for a bare id.
func ParseDatadogRef(ref string) (id, site string, err error) {
	ref = strings.TrimSpace(ref)
	if !strings.Contains(ref, "/") {
		if !dashboardID.MatchString(ref) {
			return "", "", fmt.Errorf("%q is not a Datadog dashboard id: want one like abc-def-ghi (from the dashboard's address)", ref)
		}
		return ref, "", nil
	}
	u, err := url.Parse(ref)
	if err != nil || u.Host == "" {
		return "", "", fmt.Errorf("%q is neither a dashboard id nor its address", ref)
	}
	parts := strings.Split(strings.Trim(u.Path, "/"), "/")
	i := slices.Index(parts, "dashboard")
	if i < 0 || i+1 >= len(parts) || !dashboardID.MatchString(parts[i+1]) {
		return "", "", fmt.Errorf("%q is not a dashboard's address: want https://app.datadoghq.com/dashboard/abc-def-ghi/…", ref)
	}
	return parts[i+1], siteOfHost(u.Hostname()), nil
}

// siteOfHost is the Datadog site of a web address's host: app.datadoghq.eu
// → datadoghq.eu, us3.datadoghq.com → us3.datadoghq.com, and an org's own
// subdomain (acme.datadoghq.com) → datadoghq.com. "" when it is none.
func siteOfHost(host string) string {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	for _, p := range []string{"app.", "api.", "www."} {
		host = strings.TrimPrefix(host, p)
	}
	sites := datadog.Sites()
	if slices.Contains(sites, host) {
		return host
	}
	// The longest site the host ends with: acme.us5.datadoghq.com → us5.
	best := ""
	for _, s := range sites {
		if strings.HasSuffix(host, "."+s) && len(s) > len(best) {
			best = s
		}
	}
	return best
}
