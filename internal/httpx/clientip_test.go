package httpx_test

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"zjtx/internal/httpx"
)

func TestClientAddress(t *testing.T) {
	trusted, err := httpx.ParseTrustedProxies("127.0.0.1, 10.0.0.0/8")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name    string
		trusted bool
		peer    string
		xff     []string
		want    string
	}{
		{"NoProxyPeerAddress", false, "192.0.2.7:5000", nil, "192.0.2.7"},
		{"HeaderIgnoredWithoutTrustedProxy", false, "192.0.2.7:5000", []string{"198.51.100.1"}, "192.0.2.7"},
		{"HeaderIgnoredFromUntrustedPeer", true, "192.0.2.7:5000", []string{"198.51.100.1"}, "192.0.2.7"},
		{"TrustedProxyNamesClient", true, "127.0.0.1:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"ForgedLeftEntriesIgnored", true, "127.0.0.1:5000", []string{"203.0.113.66, 198.51.100.1"}, "198.51.100.1"},
		{"ChainOfTrustedProxies", true, "127.0.0.1:5000", []string{"198.51.100.1, 10.1.2.3"}, "198.51.100.1"},
		{"SeveralHeaders", true, "127.0.0.1:5000", []string{"203.0.113.66", "198.51.100.1"}, "198.51.100.1"},
		{"GarbageStops", true, "127.0.0.1:5000", []string{"198.51.100.1, not-an-ip"}, "127.0.0.1"},
		{"IPv6Peer", false, "[2001:db8::1]:443", nil, "2001:db8::1"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var proxies = trusted
			if !tt.trusted {
				proxies = nil
			}
			var got string
			h := httpx.ClientAddress(proxies)(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { got = httpx.ClientIP(r) }))
			req := httptest.NewRequest("GET", "/", nil)
			req.RemoteAddr = tt.peer
			for _, v := range tt.xff {
				req.Header.Add("X-Forwarded-For", v)
			}
			h.ServeHTTP(httptest.NewRecorder(), req)
			if got != tt.want {
				t.Errorf("ClientIP = %q, want %q", got, tt.want)
			}
		})
	}
	if _, err := httpx.ParseTrustedProxies("10.0.0.0/33"); err == nil {
		t.Error("a bad prefix parses")
	}
}
