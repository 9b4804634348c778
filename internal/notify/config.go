package notify

import (
	"crypto/tls"
	"errors"
	"fmt"
	"maps"
	"net"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Connection security modes for Config.TLS and the tls= URL parameter.
const (
	TLSStartTLS = "starttls" // plain connect, then STARTTLS is mandatory (default, port 587)
	TLSImplicit = "tls"      // TLS from the first byte (port 465)
	TLSNone     = "none"     // no encryption (port 25); credentials only to loopback
)

// DefaultTimeout bounds one Send when Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// ErrInsecureAuth is returned when credentials would be sent over a
// connection without TLS to a host that is not loopback.
var ErrInsecureAuth = errors.New("refusing to send SMTP credentials without TLS to a non-loopback host")

// Config describes the SMTP relay. Build it with ParseURL or by hand; zero
// TLS, Port and Timeout take the defaults described on each field.
type Config struct {
	Host     string
	Port     int    // 0: 587 for starttls, 465 for tls, 25 for none
	Username string // PLAIN authentication is used when set
	Password string
	From     string // sender address, optionally with a display name (required)
	TLS      string // TLSStartTLS (when empty), TLSImplicit or TLSNone
	// TLSConfig is optional, e.g. for tests with a self-signed certificate.
	// ServerName defaults to Host.
	TLSConfig *tls.Config
	HelloName string        // name sent in EHLO after STARTTLS; go-smtp's "localhost" when empty
	Timeout   time.Duration // bound on one whole Send; 0 means DefaultTimeout
}

// ParseURL reads a relay configuration such as
//
//	smtp://user:pass@host:port?from=noreply@example.org&tls=starttls|tls|none
//	smtps://user:pass@host?from=noreply@example.org
//
// smtps implies tls. from is required; helo and timeout (a Go duration) are
// optional. Unknown parameters are rejected so a typo cannot go unnoticed.
// Errors never repeat the password.
func ParseURL(raw string) (Config, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil {
		// *url.Error quotes the whole URL, password included; keep only the cause.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return Config{}, fmt.Errorf("notify: parse URL: %w", err)
	}
	var c Config
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "smtp":
		c.TLS = TLSStartTLS
	case "smtps":
		c.TLS = TLSImplicit
	default:
		return Config{}, fmt.Errorf("notify: parse URL: scheme %q is not smtp or smtps", u.Scheme)
	}
	if u.Opaque != "" || (u.Path != "" && u.Path != "/") {
		return Config{}, errors.New("notify: parse URL: want smtp://[user:pass@]host[:port]?from=... with no path")
	}
	c.Host = u.Hostname()
	if p := u.Port(); p != "" {
		if c.Port, err = strconv.Atoi(p); err != nil || c.Port < 1 || c.Port > 65535 {
			return Config{}, fmt.Errorf("notify: parse URL: invalid port %q", p)
		}
	}
	if u.User != nil {
		c.Username = u.User.Username()
		c.Password, _ = u.User.Password()
	}
	q, err := url.ParseQuery(u.RawQuery)
	if err != nil {
		return Config{}, fmt.Errorf("notify: parse URL: query: %w", err)
	}
	for _, key := range slices.Sorted(maps.Keys(q)) {
		if len(q[key]) != 1 {
			return Config{}, fmt.Errorf("notify: parse URL: parameter %q given %d times", key, len(q[key]))
		}
		v := q[key][0]
		switch key {
		case "from":
			c.From = v
		case "tls":
			c.TLS = strings.ToLower(v)
			if scheme == "smtps" && c.TLS != TLSImplicit {
				return Config{}, fmt.Errorf("notify: parse URL: smtps:// conflicts with tls=%s", v)
			}
		case "helo":
			c.HelloName = v
		case "timeout":
			if c.Timeout, err = time.ParseDuration(v); err != nil || c.Timeout <= 0 {
				return Config{}, fmt.Errorf("notify: parse URL: invalid timeout %q", v)
			}
		default:
			return Config{}, fmt.Errorf("notify: parse URL: unknown parameter %q", key)
		}
	}
	c = c.withDefaults()
	if err := c.validate(); err != nil {
		return Config{}, fmt.Errorf("notify: parse URL: %w", err)
	}
	return c, nil
}

// String renders c as a URL with the password masked, safe for logs.
func (c Config) String() string {
	u := url.URL{Scheme: "smtp", Host: net.JoinHostPort(c.Host, strconv.Itoa(c.Port))}
	if c.Username != "" || c.Password != "" {
		u.User = url.UserPassword(c.Username, c.Password)
	}
	q := url.Values{"from": {c.From}, "tls": {c.TLS}}
	if c.HelloName != "" {
		q.Set("helo", c.HelloName)
	}
	if c.Timeout != 0 {
		q.Set("timeout", c.Timeout.String())
	}
	u.RawQuery = q.Encode()
	return u.Redacted()
}

// withDefaults fills the zero TLS mode, port and timeout.
func (c Config) withDefaults() Config {
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		switch c.TLS {
		case TLSImplicit:
			c.Port = 465
		case TLSNone:
			c.Port = 25
		default:
			c.Port = 587
		}
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	return c
}

// validate checks a configuration that already has its defaults.
func (c Config) validate() error {
	if c.Host == "" || strings.ContainsAny(c.Host, " \r\n") {
		return fmt.Errorf("invalid host %q", c.Host)
	}
	if c.Port < 1 || c.Port > 65535 {
		return fmt.Errorf("invalid port %d", c.Port)
	}
	if c.TLS != TLSStartTLS && c.TLS != TLSImplicit && c.TLS != TLSNone {
		return fmt.Errorf("tls must be %s, %s or %s, not %q", TLSStartTLS, TLSImplicit, TLSNone, c.TLS)
	}
	if c.From == "" {
		return errors.New("from address is required")
	}
	if _, err := parseAddress("from", c.From); err != nil {
		return err
	}
	if c.Password != "" && c.Username == "" {
		return errors.New("password given without a username")
	}
	if c.Username != "" && c.TLS == TLSNone && !isLoopback(c.Host) {
		return fmt.Errorf("%w (host %s)", ErrInsecureAuth, c.Host)
	}
	if strings.ContainsAny(c.HelloName, " \t\r\n") {
		return fmt.Errorf("invalid hello name %q", c.HelloName)
	}
	if c.Timeout < 0 {
		return fmt.Errorf("negative timeout %s", c.Timeout)
	}
	return nil
}

// isLoopback reports whether host names this machine, where cleartext
// credentials never leave the kernel.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
