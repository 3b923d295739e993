package join_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nagame-dev/nagame/join"
)

func TestTLSServesHTTPSWithTheGivenCertificate(t *testing.T) {
	certFile, keyFile, pool := selfSigned(t)
	s, _ := start(t, join.Config{CertFile: certFile, KeyFile: keyFile})
	if !strings.HasPrefix(s.URL(), "https://127.0.0.1:") || !strings.HasPrefix(s.ShortURL(), "https://") {
		t.Fatalf("URL %s, ShortURL %s", s.URL(), s.ShortURL())
	}
	d := newDevice(t, s)
	d.c.Transport = &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}
	r := d.get(s.URL())
	if r.code != http.StatusOK {
		t.Fatalf("GET over TLS: %d", r.code)
	}
	if c := r.header.Get("Set-Cookie"); !strings.Contains(c, "Secure") {
		t.Errorf("the cookie over TLS is not Secure: %s", c)
	}
	if _, err := join.Start(join.Config{Addr: "127.0.0.1:0", Sink: &recorder{}, CertFile: certFile}); err == nil {
		t.Error("a certificate without its key did not fail")
	}
	if _, err := join.Start(join.Config{Addr: "127.0.0.1:0", Sink: &recorder{}, CertFile: keyFile, KeyFile: certFile}); err == nil {
		t.Error("swapped certificate and key did not fail")
	}
}

// selfSigned writes a certificate for 127.0.0.1 and its key, and returns a
// pool that trusts it.
func selfSigned(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1),
		Subject:      pkix.Name{CommonName: "nagame join test"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(time.Hour),
		IPAddresses:  []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}
